package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.LogId;
import io.logflow.ingestor.door.ApiKey;
import io.logflow.ingestor.door.ApiKeyFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys at the door, over real HTTP, with Kafka replaced by the client's MockProducer. */
class IngestDoorTest {

    private static final String LOG = "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"hi\"}";
    private static final String BULK = "{\"create\":{}}\n{\"@timestamp\":\"2024-01-15T10:30:00Z\",\"message\":\"hi\"}\n";
    private static final String OTLP = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":"
            + "\"1705314600000000000\",\"severityText\":\"INFO\",\"body\":{\"stringValue\":\"hi\"}}]}]}]}";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String secret = ApiKeyFile.newSecret();
    private final String revokedSecret = ApiKeyFile.newSecret();
    private final String paymentsSecret = ApiKeyFile.newSecret();
    private Path keys;
    private MockKafkaIngestor ingestor;

    @BeforeEach
    void start() throws IOException {
        keys = dir.resolve("keys.json");
        ApiKeyFile.write(keys, List.of(new ApiKey("shipper", ApiKeyFile.sha256(secret), List.of(), 0),
                new ApiKey("slow", ApiKeyFile.sha256(revokedSecret), List.of(), 1),
                new ApiKey("payments", ApiKeyFile.sha256(paymentsSecret), List.of("payments"), 0)));
        ingestor = MockKafkaIngestor.start(true, Map.of("INGESTOR_API_KEYS_FILE", keys.toString()));
    }

    @AfterEach
    void stop() {
        ingestor.close();
    }

    private HttpResponse<String> post(String path, String contentType, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encoded(String scheme, String id, String secret) {
        return scheme + " " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    private static void assertChallenged(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(3)
                .anyMatch(value -> value.startsWith("Bearer realm="))
                .anyMatch(value -> value.startsWith("ApiKey realm="))
                .anyMatch(value -> value.startsWith("Basic realm="));
    }

    @Test
    void withoutAKeyEveryLogPathAnswers401AndNothingReachesKafka() throws Exception {
        for (String path : List.of("/log", "/logs")) {
            HttpResponse<String> response = post(path, "application/json", LOG, null);
            assertChallenged(response);
            assertThat(json(response).get("reason").asText()).isEqualTo("missing");
            assertThat(json(response).get("error").asText()).contains("Authorization");
        }
        assertThat(ingestor.producer().history()).isEmpty();
    }

    @Test
    void aRefusedKeyLeavesTheKeepAliveConnectionUsable() throws Exception {
        for (String path : List.of("/log", "/logs")) {
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer %s\r\n";
            assertThat(KeepAliveProbe.statusLines(ingestor.port(), head.formatted(ApiKeyFile.newSecret()), LOG,
                    KeepAliveProbe.request(head.formatted(secret), LOG)))
                    .as(path).satisfiesExactly(first -> assertThat(first).startsWith("HTTP/1.1 401"),
                            second -> assertThat(second).startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void aWrongOrUnknownKeyIs401AndNothingReachesKafka() throws Exception {
        assertThat(json(post("/log", "application/json", LOG, "Bearer " + ApiKeyFile.newSecret())).get("reason")
                .asText()).isEqualTo("unknown_key");
        assertThat(json(post("/log", "application/json", LOG, encoded("ApiKey", "shipper", "guessed"))).get("reason")
                .asText()).isEqualTo("wrong_secret");
        assertThat(json(post("/log", "application/json", LOG, "Token " + secret)).get("reason").asText())
                .isEqualTo("malformed");
        assertThat(ingestor.producer().history()).isEmpty();
    }

    @Test
    void aRevokedKeyIs401WithinSecondsAndOnlyWhatWasAnswered200ReachesKafka() throws Exception {
        ApiKeyFile.write(keys, List.of(new ApiKey("shipper", ApiKeyFile.sha256(secret), List.of(), 0)));
        long revokedAt = System.nanoTime();
        int answered200 = 0;
        HttpResponse<String> last;
        do {
            // until the ingestor looks at the file again, the key still works: those logs are in Kafka
            last = post("/log", "application/json", LOG, "Bearer " + revokedSecret);
            answered200 += last.statusCode() == 200 ? 1 : 0;
            Thread.sleep(last.statusCode() == 429 ? 1_000 : 50);
        } while (last.statusCode() != 401 && System.nanoTime() - revokedAt < 5_000_000_000L);
        assertChallenged(last);
        assertThat(json(last).get("reason").asText()).isEqualTo("unknown_key");
        assertThat(ingestor.producer().history()).hasSize(answered200);
    }

    @Test
    void eachFormOfTheKeyIsAcceptedAndItsIdTravelsWithTheLog() throws Exception {
        for (String authorization : List.of("Bearer " + secret, encoded("ApiKey", "shipper", secret),
                encoded("Basic", "shipper", secret))) {
            assertThat(post("/log", "application/json", LOG, authorization).statusCode()).as(authorization)
                    .isEqualTo(200);
        }
        assertThat(post("/logs", "application/x-ndjson", LOG + "\n" + LOG, "Bearer " + secret).statusCode())
                .isEqualTo(200);
        assertThat(ingestor.producer().history()).hasSize(5).allSatisfy(record -> assertThat(ingestKey(record))
                .isEqualTo("shipper"));
    }

    private static String ingestKey(ProducerRecord<byte[], byte[]> record) {
        var header = record.headers().lastHeader(LogId.INGEST_KEY_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void theElasticsearchInputRefusesInElasticsearchsShape() throws Exception {
        for (String path : List.of("/_bulk", "/logs-app/_bulk")) {
            HttpResponse<String> refused = post(path, "application/x-ndjson", BULK, null);
            assertChallenged(refused);
            assertThat(refused.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
            JsonNode body = json(refused);
            assertThat(body.get("status").intValue()).isEqualTo(401);
            assertThat(body.at("/error/type").asText()).isEqualTo("security_exception");
            assertThat(body.at("/error/root_cause/0/type").asText()).isEqualTo("security_exception");
        }
        assertChallenged(get("/"));
        assertThat(ingestor.producer().history()).isEmpty();
        HttpResponse<String> accepted = post("/_bulk", "application/x-ndjson", BULK,
                encoded("ApiKey", "shipper", secret));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json(accepted).get("errors").booleanValue()).isFalse();
        assertThat(ingestor.producer().history()).singleElement()
                .satisfies(record -> assertThat(ingestKey(record)).isEqualTo("shipper"));
    }

    @Test
    void theOtlpInputRefusesInOtlpsShape() throws Exception {
        HttpResponse<String> refused = post("/v1/logs", "application/json", OTLP, encoded("Basic", "shipper", "nope"));
        assertChallenged(refused);
        assertThat(json(refused).get("code").intValue()).isEqualTo(16);
        assertThat(json(refused).get("message").asText()).contains("wrong secret");
        assertThat(ingestor.producer().history()).isEmpty();
        assertThat(post("/v1/logs", "application/json", OTLP, "Bearer " + secret).statusCode()).isEqualTo(200);
        assertThat(ingestor.producer().history()).singleElement()
                .satisfies(record -> assertThat(ingestKey(record)).isEqualTo("shipper"));
    }

    @Test
    void aKeyLimitedToSomeServicesCannotWriteAsAnother() throws Exception {
        String payments = LOG.replace("}", ",\"service\":\"payments\"}");
        String other = LOG.replace("}", ",\"service\":\"billing\"}");
        assertThat(post("/log", "application/json", payments, "Bearer " + paymentsSecret).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = post("/log", "application/json", other, "Bearer " + paymentsSecret);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).at("/validation_errors/0/field").asText()).isEqualTo("service");
        assertThat(post("/log", "application/json", LOG, "Bearer " + paymentsSecret).statusCode())
                .as("no service: stored as unknown, not one of its services").isEqualTo(400);
        HttpResponse<String> batch = post("/logs", "application/x-ndjson", payments + "\n" + other,
                "Bearer " + paymentsSecret);
        assertThat(json(batch).get("accepted").intValue()).isEqualTo(1);
        assertThat(json(batch).get("rejected").intValue()).isEqualTo(1);
        assertThat(ingestor.producer().history()).hasSize(2);
    }

    @Test
    void overItsRateAKeyGets429WithRetryAfter() throws Exception {
        assertThat(post("/log", "application/json", LOG, "Bearer " + revokedSecret).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = post("/log", "application/json", LOG, "Bearer " + revokedSecret);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(limited).get("reason").asText()).isEqualTo("rate_limited");
        assertThat(ingestor.producer().history()).hasSize(1);
    }

    @Test
    void refusalsAreCountedByReasonAndHealthNeedsNoKey() throws Exception {
        post("/log", "application/json", LOG, null);
        post("/log", "application/json", LOG, "Bearer nope");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ingestor_auth_failures_total{reason=\"missing\",stage=\"ingestor\"} 1.0",
                "ingestor_auth_failures_total{reason=\"unknown_key\",stage=\"ingestor\"} 1.0",
                "ingestor_auth_failures_total{reason=\"wrong_secret\",stage=\"ingestor\"} 0.0");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/validation-rules").statusCode()).isEqualTo(200);
    }
}
