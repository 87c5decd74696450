package io.logflow.ingestor;

import static io.logflow.ingestor.otlp.OtlpRequests.record;
import static io.logflow.ingestor.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.logs.v1.LogRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory all requests may hold at once ({@code ingestor.max_request_memory_bytes}),
 * over real HTTP through each input: a request that does not fit beside the others is
 * answered 429 with Retry-After in its input's own shape, one that alone needs more 413, and
 * neither hands anything to Kafka.
 */
class RequestMemoryOverHttpTest {

    private static final int MEMORY = 1_000_000;
    private static final Pattern HELD = Pattern.compile("ingestor_request_memory_bytes\\{[^}]*} (\\S+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private MockKafkaIngestor ingestor;

    @AfterEach
    void stop() {
        if (ingestor != null) {
            ingestor.close();
        }
    }

    private void start() {
        // Kafka never acknowledges: a batch holds its memory until its 3 s deadline
        ingestor = MockKafkaIngestor.start(false, Map.of("INGESTOR_MAX_REQUEST_MEMORY_BYTES", Integer.toString(MEMORY),
                "INGESTOR_KAFKA_TIMEOUT_MS", "3000"));
    }

    private static byte[] logs(int bytes) {
        String log = "{\"timestamp\":\"2026-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"" + "m".repeat(200) + "\"}\n";
        return log.repeat(bytes / log.length() + 1).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bulk(int bytes) {
        String pair = "{\"create\":{}}\n{\"@timestamp\":\"2026-01-15T10:30:00Z\",\"message\":\"" + "m".repeat(200) + "\"}\n";
        return pair.repeat(bytes / pair.length() + 1).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] otlp(int bytes) {
        LogRecord.Builder[] records = IntStream.range(0, bytes / 220 + 1).mapToObj(i -> record("m".repeat(200)))
                .toArray(LogRecord.Builder[]::new);
        return request("web", records).toByteArray();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBatchThatDoesNotFitBesideAnotherIs429InEachInputsShapeAndReachesNoKafka() throws Exception {
        start();
        byte[] firstBatch = logs(MEMORY * 6 / 10);
        int sentByFirst = new String(firstBatch, StandardCharsets.UTF_8).split("\n").length;
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> post("/logs", "application/x-ndjson", firstBatch));
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> ingestor.producer().history().size() == sentByFirst);
        assertThat(metric(get("/metrics").body())).as("the first batch's body, held while Kafka is silent")
                .isEqualTo(firstBatch.length);

        HttpResponse<String> batch = post("/logs", "application/x-ndjson", logs(MEMORY / 2));
        HttpResponse<String> bulk = post("/_bulk", "application/x-ndjson", bulk(MEMORY / 4));
        HttpResponse<String> otlp = post("/v1/logs", "application/x-protobuf", otlp(MEMORY / 4));

        assertThat(batch.statusCode()).isEqualTo(429);
        assertThat(batch.headers().firstValue("Retry-After")).isPresent();
        assertThat(batch.body()).contains("\"error\":\"log not accepted: the ingestor's requests already hold")
                .contains("ingestor.max_request_memory_bytes");
        assertThat(bulk.statusCode()).isEqualTo(429);
        assertThat(bulk.headers().firstValue("Retry-After")).isPresent();
        assertThat(bulk.body()).contains("\"type\":\"es_rejected_execution_exception\"");
        assertThat(otlp.statusCode()).isEqualTo(429);
        assertThat(otlp.headers().firstValue("Retry-After")).isPresent();
        assertThat(ingestor.producer().history()).as("nothing of the refused requests reached Kafka")
                .hasSize(sentByFirst);

        assertThat(first.get().statusCode()).as("the first batch's answer: Kafka never acknowledged").isEqualTo(503);
        assertThat(metric(get("/metrics").body())).as("the memory given back once answered").isZero();
        assertThat(post("/_bulk", "application/x-ndjson", bulk(MEMORY / 4)).statusCode())
                .as("taken now that the memory is free (Kafka still silent)").isEqualTo(503);
    }

    @Test
    void aSingleLogCountsInTheMemoryUntilHandedToKafkaAndIs429WhenItDoesNotFit() throws Exception {
        start();
        byte[] batchBody = logs(MEMORY - 20_000);
        int sentByBatch = new String(batchBody, StandardCharsets.UTF_8).split("\n").length;
        CompletableFuture<HttpResponse<String>> batch = CompletableFuture.supplyAsync(
                () -> post("/logs", "application/x-ndjson", batchBody));
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> ingestor.producer().history().size() == sentByBatch);

        HttpResponse<String> large = post("/log", "application/json", oneLog(40_000));
        assertThat(large.statusCode()).isEqualTo(429);
        assertThat(large.headers().firstValue("Retry-After")).isPresent();
        assertThat(large.body()).contains("\"error\":\"log not accepted: the ingestor's requests already hold")
                .contains("ingestor.max_request_memory_bytes");
        assertThat(ingestor.producer().history()).as("the refused log did not reach Kafka").hasSize(sentByBatch);

        CompletableFuture<HttpResponse<String>> small = CompletableFuture.supplyAsync(
                () -> post("/log", "application/json", oneLog(1_000)));
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> ingestor.producer().history().size() == sentByBatch + 1);
        assertThat(metric(get("/metrics").body())).as("the log's body given back once handed to Kafka, unanswered")
                .isEqualTo(batchBody.length);

        assertThat(small.get().statusCode()).as("Kafka never acknowledged").isEqualTo(503);
        assertThat(batch.get().statusCode()).isEqualTo(503);
        assertThat(metric(get("/metrics").body())).isZero();
    }

    private static byte[] oneLog(int bytes) {
        String log = "{\"timestamp\":\"2026-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"\"}";
        return log.replace("\"message\":\"\"", "\"message\":\"" + "m".repeat(bytes - log.length()) + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBatchThatAloneNeedsMoreThanAllTheMemoryIs413InEachInputsShape() {
        start();

        HttpResponse<String> batch = post("/logs", "application/x-ndjson", logs(MEMORY + 1));
        HttpResponse<String> bulk = post("/_bulk", "application/x-ndjson", bulk(MEMORY * 6 / 10));
        HttpResponse<String> otlp = post("/v1/logs", "application/x-protobuf", otlp(MEMORY * 6 / 10));

        assertThat(batch.statusCode()).isEqualTo(413);
        assertThat(batch.body()).contains("\"field\":\"body\"").contains("ingestor.max_request_memory_bytes");
        assertThat(bulk.statusCode()).isEqualTo(413);
        assertThat(bulk.body()).contains("\"type\":\"request_entity_too_large\"").contains("send smaller batches");
        assertThat(otlp.statusCode()).isEqualTo(413);
        assertThat(ingestor.producer().history()).isEmpty();
    }

    private static double metric(String metrics) {
        Matcher held = HELD.matcher(metrics);
        return held.find() ? Double.parseDouble(held.group(1)) : -1;
    }
}
