package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.LogId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Elasticsearch-compatible input over real HTTP, with Kafka replaced by the client's MockProducer. */
class ElasticsearchInputTest {

    private static final String BULK = """
            {"index":{"_index":"app","_id":"a1"}}
            {"@timestamp":"2024-05-01T10:00:00Z","message":"one","log":{"level":"error"},"service":{"name":"web"}}
            {"create":{}}
            {"msg":"two"}
            """;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private MockProducer<byte[], byte[]> producer;
    private MockKafkaIngestor ingestor;

    private void start(boolean kafkaAcknowledges, Map<String, String> settings) {
        ingestor = MockKafkaIngestor.start(kafkaAcknowledges, settings);
        producer = ingestor.producer();
    }

    @AfterEach
    void stop() {
        if (ingestor != null) {
            ingestor.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String header(ProducerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-ndjson", "application/json; charset=UTF-8",
            "application/vnd.elasticsearch+x-ndjson; compatible-with=8", "application/vnd.elasticsearch+x-ndjson;compatible-with=9"})
    void aBulkIsAcceptedWhateverContentTypeAClientSends(String contentType) throws Exception {
        start(true, Map.of());
        HttpResponse<String> response = send("POST", "/_bulk", contentType, utf8(BULK));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.body()).contains("\"errors\":false");
        JsonNode items = Json.mapper().readTree(response.body()).get("items");
        assertThat(items.get(0).get("index").get("_id").textValue()).isEqualTo("a1");
        assertThat(items.get(0).get("index").get("status").intValue()).isEqualTo(201);
        assertThat(items.get(1).get("create").get("status").intValue()).isEqualTo(201);

        assertThat(producer.history()).hasSize(2);
        JsonNode first = Json.mapper().readTree(producer.history().get(0).value());
        assertThat(first.get("level").textValue()).isEqualTo("ERROR");
        assertThat(first.get("service").textValue()).isEqualTo("web");
        assertThat(header(producer.history().get(0), LogId.CLIENT_HEADER)).isEqualTo(ClientKey.forBulk("app", "a1"));
        assertThat(header(producer.history().get(1), LogId.CLIENT_HEADER)).as("no _id, no client key").isNull();
    }

    @Test
    void theConfiguredFieldNamesMapADocumentUnlessTheRequestNamesItsOwn() throws Exception {
        start(true, Map.of("INGESTOR_FIELDS_MESSAGE", "text", "INGESTOR_FIELDS_SERVICE", "component"));
        String bulk = "{\"index\":{}}\n{\"text\":\"configured\",\"body\":\"b\",\"component\":\"c1\"}\n";
        assertThat(send("POST", "/_bulk", "application/x-ndjson", utf8(bulk)).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/_bulk?_msg_field=body", "application/x-ndjson", utf8(bulk)).statusCode()).isEqualTo(200);
        JsonNode configured = Json.mapper().readTree(producer.history().get(0).value());
        assertThat(configured.get("message").textValue()).isEqualTo("configured");
        assertThat(configured.get("service").textValue()).isEqualTo("c1");
        JsonNode overridden = Json.mapper().readTree(producer.history().get(1).value());
        assertThat(overridden.get("message").textValue()).as("the request's field wins").isEqualTo("b");
        assertThat(overridden.get("service").textValue()).isEqualTo("c1");
    }

    @Test
    void aGzipBulkToAnIndexPathIsAccepted() throws Exception {
        start(true, Map.of());
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(gzipped)) {
            zip.write(utf8(BULK));
        }
        HttpResponse<String> response = send("PUT", "/myindex/_bulk", "application/x-ndjson", gzipped.toByteArray(),
                "Content-Encoding", "gzip");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).get("items").get(1).get("create").get("_index").textValue())
                .isEqualTo("myindex");
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void badItemsFailAloneAndTheRestIsStored() throws Exception {
        start(true, Map.of());
        String body = """
                {"index":{}}
                ["not","an","object"]
                {"index":{}}
                {"level":"info"}
                {"delete":{"_id":"x"}}
                {"index":{}}
                {"message":"ok","metadata":{"k":"v"}}
                {"index":{}}
                {"message":"%s"}
                """.formatted("x".repeat(10_001));
        HttpResponse<String> response = send("POST", "/_bulk", "application/x-ndjson", utf8(body));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"errors\":true");
        JsonNode items = Json.mapper().readTree(response.body()).get("items");
        assertThat(items).hasSize(5);
        assertThat(items.get(0).get("index").get("status").intValue()).isEqualTo(400);
        assertThat(items.get(1).get("index").get("error").get("reason").textValue()).contains("no message");
        assertThat(items.get(2).get("delete").get("status").intValue()).isEqualTo(400);
        assertThat(items.get(3).get("index").get("status").intValue()).isEqualTo(201);
        assertThat(items.get(4).get("index").get("error").get("reason").textValue()).contains("message: message must be at most");
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aMalformedBulkIsA400AndAnOversizedOneA413() throws Exception {
        start(true, Map.of("INGESTOR_BATCH_MAX_BYTES", "1000"));
        HttpResponse<String> malformed = send("POST", "/_bulk", "application/x-ndjson", utf8("{\"index\":{}}\n"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        assertThat(Json.mapper().readTree(malformed.body()).get("error").get("type").textValue())
                .isEqualTo("illegal_argument_exception");
        HttpResponse<String> tooLarge = send("POST", "/_bulk", "application/x-ndjson",
                utf8("{\"index\":{}}\n{\"message\":\"" + "x".repeat(2_000) + "\"}\n"));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aGzipBombIsA413AfterTheLimitNotAnOutOfMemory() throws Exception {
        start(true, Map.of("INGESTOR_BATCH_MAX_BYTES", "1000000"));
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(gzipped)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) { // 64 MB of zeros, ~64 KB on the wire
                zip.write(zeros);
            }
        }
        HttpResponse<String> response = send("POST", "/_bulk", "application/x-ndjson", gzipped.toByteArray(),
                "Content-Encoding", "gzip");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(send("POST", "/_bulk", "application/x-ndjson", new byte[] {31, -117, 8, 0, 1, 2},
                "Content-Encoding", "gzip").statusCode()).as("a corrupt gzip body").isEqualTo(400);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void whenKafkaTakesNoneTheWholeBulkIsA503WithRetryAfter() throws Exception {
        start(false, Map.of());
        HttpResponse<String> response = send("POST", "/_bulk", "application/x-ndjson", utf8(BULK));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
    }

    @Test
    void theHandshakeCallsAreAnsweredAsElasticsearchWould() throws Exception {
        start(true, Map.of("INGESTOR_ELASTICSEARCH_VERSION", "8.15.1"));
        JsonNode banner = Json.mapper().readTree(send("GET", "/", null, null).body());
        assertThat(banner.get("version").get("number").textValue()).isEqualTo("8.15.1");
        assertThat(banner.get("version").get("build_flavor").textValue()).isEqualTo("default");
        assertThat(banner.get("tagline").textValue()).isEqualTo("You Know, for Search");
        HttpResponse<String> head = send("HEAD", "/", null, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        assertThat(Json.mapper().readTree(send("GET", "/_license", null, null).body()).get("license").get("status")
                .textValue()).isEqualTo("active");
        assertThat(Json.mapper().readTree(send("GET", "/_cluster/health", null, null).body()).get("status").textValue())
                .isEqualTo("green");
        assertThat(send("GET", "/_cat/health", null, null).body()).contains(" green ");
        for (String path : new String[] {"/_index_template/filebeat-8.19.0", "/_ilm/policy/filebeat", "/_template/x",
                "/_ingest/pipeline/p", "/_nodes", "/_xpack", "/_data_stream/logs-app-default"}) {
            HttpResponse<String> put = send("PUT", path, "application/json", utf8("{}"));
            assertThat(put.statusCode()).as(path).isEqualTo(200);
            assertThat(put.body()).as(path).isEqualTo("{\"acknowledged\":true}");
            assertThat(send("HEAD", path, null, null).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void anIdempotencyKeyAndAnIdPerLogBecomeClientKeysScopedByService() throws Exception {
        start(true, Map.of());
        String log = "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\",\"service\":\"pay\"}";
        assertThat(send("POST", "/log", "application/json", utf8(log), "Idempotency-Key", "k-1").statusCode()).isEqualTo(200);
        String batch = "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\",\"service\":\"pay\",\"id\":\"k-1\"}\n"
                + "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\",\"service\":\"shop\",\"id\":\"k-1\"}\n"
                + log + "\n";
        assertThat(send("POST", "/logs", "application/x-ndjson", utf8(batch)).statusCode()).isEqualTo(200);
        assertThat(producer.history()).hasSize(4);
        String key = header(producer.history().get(0), LogId.CLIENT_HEADER);
        assertThat(key).isEqualTo(ClientKey.forApi("pay", "k-1"));
        assertThat(header(producer.history().get(1), LogId.CLIENT_HEADER)).as("same name, same service").isEqualTo(key);
        assertThat(header(producer.history().get(2), LogId.CLIENT_HEADER)).as("another service").isNotEqualTo(key);
        assertThat(header(producer.history().get(3), LogId.CLIENT_HEADER)).as("not named").isNull();
        assertThat(ClientKey.forBulk("pay", "k-1")).as("a bulk _id is another scope").isNotEqualTo(key);
        assertThat(send("POST", "/log", "application/json", utf8(log), "Idempotency-Key", "x".repeat(513)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void receivedLogsAreCountedByInput() throws Exception {
        start(true, Map.of());
        send("POST", "/_bulk", "application/x-ndjson", utf8(BULK));
        String metrics = send("GET", "/metrics", null, null).body();
        assertThat(metrics).contains("ingestor_logs_received_total{input=\"bulk\",stage=\"ingestor\"} 2.0",
                "ingestor_logs_received_total{input=\"log\",stage=\"ingestor\"} 0.0");
    }
}
