package io.logflow.ingestor.otlp;

import static io.logflow.ingestor.otlp.OtlpRequests.TRACE_ID;
import static io.logflow.ingestor.otlp.OtlpRequests.gzip;
import static io.logflow.ingestor.otlp.OtlpRequests.record;
import static io.logflow.ingestor.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.UnknownFieldSet;
import io.logflow.core.json.Json;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.ingestor.MockKafkaIngestor;
import io.logflow.ingestor.IngestorStage;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /v1/logs over real HTTP on the ingestor, with Kafka replaced by the client's MockProducer. */
class OtlpRouteTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private MockProducer<byte[], byte[]> producer;
    private IngestorStage ingestor;

    private void start(boolean kafkaAcknowledges, Map<String, String> settings) {
        MockKafkaIngestor started = MockKafkaIngestor.start(kafkaAcknowledges, settings);
        producer = started.producer();
        ingestor = started.stage();
    }

    @AfterEach
    void stop() {
        if (ingestor != null) {
            ingestor.close();
        }
    }

    private HttpResponse<byte[]> post(String contentType, byte[] body, String encoding)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + "/v1/logs"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String statusMessage(HttpResponse<byte[]> response) throws IOException {
        return UnknownFieldSet.parseFrom(response.body()).getField(2).getLengthDelimitedList().getFirst().toStringUtf8();
    }

    private String scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aProtobufExportIsAcknowledgedInProtobufOnceKafkaHasEveryRecord() throws Exception {
        start(true, Map.of());
        HttpResponse<byte[]> response = post("application/x-protobuf",
                request("checkout", record("one"), record("two").clearTraceId()).toByteArray(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        assertThat(ExportLogsServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        assertThat(producer.history()).hasSize(2);
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        JsonNode log = Json.mapper().readTree(first.value());
        assertThat(log.get("message").textValue()).isEqualTo("one");
        assertThat(log.get("service").textValue()).isEqualTo("checkout");
        assertThat(new String(first.headers().lastHeader(CorrelationId.HEADER).value(), StandardCharsets.UTF_8))
                .as("the trace id is the correlation id").isEqualTo(TRACE_ID);
        assertThat(new String(producer.history().get(1).headers().lastHeader(CorrelationId.HEADER).value(),
                StandardCharsets.UTF_8)).as("without a trace id, the request's id")
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(scrape()).contains("ingestor_logs_received_total{input=\"otlp\",stage=\"ingestor\"} 2.0",
                "ingestor_logs_sent_total{stage=\"ingestor\"} 2.0");
    }

    @Test
    void aGzipJsonExportIsAcknowledgedInJsonWithTheRejectedRecordsCounted() throws Exception {
        start(true, Map.of());
        String json = OtlpEncodingTest.JSON_REQUEST.replace("\"logRecords\":[{",
                "\"logRecords\":[{\"timeUnixNano\":\"1\"},{\"body\":{\"stringValue\":\"\"}},{");
        HttpResponse<byte[]> response = post("application/json; charset=utf-8",
                gzip(json.getBytes(StandardCharsets.UTF_8)), "gzip");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode partial = Json.mapper().readTree(response.body()).get("partialSuccess");
        assertThat(partial.get("rejectedLogRecords").textValue()).isEqualTo("2");
        assertThat(partial.get("errorMessage").textValue()).contains("2 of 3 log records rejected",
                "log record 0: message: message must not be empty", "log record 1: message: message must not be empty");
        assertThat(producer.history()).hasSize(1);
        assertThat(Json.mapper().readTree(producer.history().getFirst().value()).get("level").textValue())
                .isEqualTo("ERROR");
        assertThat(scrape()).contains("ingestor_invalid_logs_total{stage=\"ingestor\"} 2.0");
    }

    @Test
    void anEmptyExportIsASuccess() throws Exception {
        start(true, Map.of());
        HttpResponse<byte[]> response = post("application/x-protobuf", new byte[0], null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aTruncatedProtobufBodyIs400WithAStatusSayingWhy() throws Exception {
        start(true, Map.of());
        byte[] whole = request("checkout", record("payment declined")).toByteArray();
        HttpResponse<byte[]> response = post("application/x-protobuf", Arrays.copyOf(whole, whole.length - 3), null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        assertThat(statusMessage(response)).contains("not an OTLP ExportLogsServiceRequest");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void anUnsupportedContentTypeOrEncodingIs415() throws Exception {
        start(true, Map.of());
        byte[] body = request("checkout", record("x")).toByteArray();
        HttpResponse<byte[]> text = post("text/plain", body, null);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(Json.mapper().readTree(text.body()).get("message").textValue()).contains("text/plain");
        assertThat(post("application/x-protobuf", body, "br").statusCode()).isEqualTo(415);
        assertThat(post(null, body, null).statusCode()).isEqualTo(415);
    }

    @Test
    void aGzipBombIs413AfterTheLimitNotAfterItsWholeSize() throws Exception {
        start(true, Map.of("INGESTOR_BATCH_MAX_BYTES", "1048576"));
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros in ~64 KiB
        HttpResponse<byte[]> response = post("application/x-protobuf", bomb, "gzip");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(statusMessage(response)).contains("exceeds 1048576 bytes once decompressed");
        assertThat(post("application/x-protobuf", Arrays.copyOf(bomb, 100), "gzip").statusCode())
                .as("a cut gzip stream").isEqualTo(400);
    }

    @Test
    void whenKafkaTakesNothingTheAnswerIs503WithRetryAfter() throws Exception {
        start(false, Map.of("INGESTOR_RETRY_AFTER_SECONDS", "3"));
        HttpResponse<byte[]> response = post("application/json",
                OtlpEncodingTest.JSON_REQUEST.getBytes(StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(Json.mapper().readTree(response.body()).get("message").textValue()).contains("no log record was taken");
    }
}
