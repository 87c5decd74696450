package io.logflow.ingestor;

import static io.logflow.ingestor.otlp.OtlpRequests.attribute;
import static io.logflow.ingestor.otlp.OtlpRequests.gzip;
import static io.logflow.ingestor.otlp.OtlpRequests.record;
import static io.logflow.ingestor.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.UnknownFieldSet;
import io.logflow.core.json.Json;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite of the protocol doors ({@code _bulk}, {@code /v1/logs}) over real
 * HTTP: each bad request gets the 4xx it deserves with a body in its protocol's shape
 * naming the problem (Elasticsearch's {@code error}, OTLP's {@code Status}), never a 5xx,
 * and nothing of it reaches Kafka — not even the good logs beside the bad part.
 * (A bulk whose action lines are sound but one document is bad fails that item alone,
 * as Elasticsearch does: see {@code ElasticsearchInputTest}.)
 */
class BadInputOverHttpTest {

    private static final int BATCH_MAX_BYTES = 1_000_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static MockKafkaIngestor ingestor;

    /** One bad request: where it goes, how it is encoded, what it must be answered. */
    record BadRequest(String path, String contentType, String contentEncoding, byte[] body, int status, String reason) {}

    @BeforeAll
    static void start() {
        ingestor = MockKafkaIngestor.start(true, Map.of("INGESTOR_BATCH_MAX_BYTES", Integer.toString(BATCH_MAX_BYTES)));
    }

    @AfterAll
    static void stop() {
        ingestor.close();
    }

    @BeforeEach
    void forgetEarlierSends() {
        ingestor.producer().clear();
    }

    static Stream<Arguments> badRequests() throws IOException {
        return Stream.of(
                bad("bulk: an action line that is not JSON", bulk("{\"index\":\n{\"message\":\"x\"}\n"), 400, "line [1]"),
                bad("bulk: a good pair, then a malformed action line", bulk("""
                        {"index":{}}
                        {"message":"good"}
                        {"index":{"_id":
                        {"message":"bad"}
                        """), 400, "line [3]"),
                bad("bulk: an operation Elasticsearch does not have", bulk("{\"upsert\":{}}\n{\"message\":\"x\"}\n"),
                        400, "upsert"),
                bad("bulk: an action line that is an array", bulk("[{\"index\":{}}]\n{\"message\":\"x\"}\n"), 400, "line [1]"),
                bad("bulk: an action without its document", bulk("{\"index\":{}}\n{\"message\":\"x\"}\n{\"create\":{}}\n"),
                        400, "no document line"),
                bad("bulk: an action line nested a thousand deep", bulk("{\"index\":" + "{\"a\":".repeat(1_000) + "\n{}\n"),
                        400, "line [1]"),
                bad("bulk: a gzip bomb", new BadRequest("/_bulk", "application/x-ndjson", "gzip",
                        gzip(new byte[16 * BATCH_MAX_BYTES]), 413, "exceeds"), 413, "exceeds"),
                bad("bulk: a cut gzip stream", new BadRequest("/_bulk", "application/x-ndjson", "gzip",
                        Arrays.copyOf(gzip(bytes("{\"index\":{}}\n{\"message\":\"x\"}\n")), 20), 0, null), 400, "gzip"),
                bad("otlp: a truncated protobuf", protobuf(cut(request("web", record("a"), record("b")).toByteArray())),
                        400, "not an OTLP ExportLogsServiceRequest"),
                bad("otlp: bytes that are no protobuf", protobuf(bytes("{\"resourceLogs\":[]}")), 400,
                        "not an OTLP ExportLogsServiceRequest"),
                bad("otlp: JSON cut short", otlpJson("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{"), 400,
                        "not JSON"),
                bad("otlp: a severityNumber name OTLP does not have", otlpJson(recordJson("\"severityNumber\":\"LOUD\"")),
                        400, "\"LOUD\" is not an OTLP SeverityNumber"),
                bad("otlp: a severityNumber of the wrong type", otlpJson(recordJson("\"severityNumber\":{\"n\":9}")),
                        400, "not an OTLP ExportLogsServiceRequest"),
                bad("otlp: JSON severityNumber out of range", otlpJson(recordJson("\"severityNumber\":99")), 400,
                        "severityNumber 99 is not an OTLP SeverityNumber (0 to 24)"),
                bad("otlp: protobuf severityNumber out of range",
                        protobuf(request("web", record("a").setSeverityNumberValue(-3)).toByteArray()), 400,
                        "severityNumber -3 is not an OTLP SeverityNumber"),
                bad("otlp: a record with a huge attribute map", protobuf(hugeAttributes(record("a"), 20_000).toByteArray()),
                        400, "too large"),
                bad("otlp: a huge resource repeated in every record", protobuf(hugeResource()), 413,
                        "exceed " + 4 * BATCH_MAX_BYTES + " bytes"),
                bad("otlp: a gzip bomb", new BadRequest("/v1/logs", "application/x-protobuf", "gzip",
                        gzip(new byte[16 * BATCH_MAX_BYTES]), 0, null), 413, "once decompressed"),
                bad("otlp: a cut gzip stream", new BadRequest("/v1/logs", "application/json", "gzip",
                        Arrays.copyOf(gzip(bytes(recordJson(""))), 20), 0, null), 400, "gzip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isA4xxNamingTheProblemAndNothingReachesKafka(String name, BadRequest bad) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + bad.path()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bad.body())).header("Content-Type", bad.contentType());
        if (bad.contentEncoding() != null) {
            request.header("Content-Encoding", bad.contentEncoding());
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(bad.status());
        assertThat(reason(bad, response)).contains(bad.reason());
        assertThat(ingestor.producer().history()).as("nothing of a refused request reaches Kafka").isEmpty();
    }

    /** The reason in the answer's protocol shape; asserts the shape on the way. */
    private static String reason(BadRequest bad, HttpResponse<byte[]> response) throws IOException {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (bad.path().equals("/_bulk")) {
            assertThat(contentType).startsWith("application/json");
            assertThat(response.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
            JsonNode error = Json.mapper().readTree(response.body()).get("error");
            assertThat(error.get("type").textValue()).isNotBlank();
            return error.get("reason").textValue();
        }
        if (bad.contentType().equals("application/x-protobuf")) {
            assertThat(contentType).isEqualTo("application/x-protobuf");
            return UnknownFieldSet.parseFrom(response.body()).getField(2).getLengthDelimitedList().getFirst().toStringUtf8();
        }
        assertThat(contentType).isEqualTo("application/json");
        return Json.mapper().readTree(response.body()).get("message").textValue();
    }

    private static Arguments bad(String name, BadRequest request, int status, String reason) {
        return Arguments.of(name, new BadRequest(request.path(), request.contentType(), request.contentEncoding(),
                request.body(), status, reason));
    }

    private static BadRequest bulk(String body) {
        return new BadRequest("/_bulk", "application/x-ndjson", null, bytes(body), 0, null);
    }

    private static BadRequest protobuf(byte[] body) {
        return new BadRequest("/v1/logs", "application/x-protobuf", null, body, 0, null);
    }

    private static BadRequest otlpJson(String body) {
        return new BadRequest("/v1/logs", "application/json", null, bytes(body), 0, null);
    }

    /** An OTLP JSON request of one record with a message and {@code field} (a JSON member, or empty). */
    private static String recordJson(String field) {
        return "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"x\"}"
                + (field.isEmpty() ? "" : "," + field) + "}]}]}]}";
    }

    private static ExportLogsServiceRequest hugeAttributes(LogRecord.Builder record, int count) {
        for (int i = 0; i < count; i++) {
            record.addAttributes(attribute("key." + i, "value " + i));
        }
        return request("web", record);
    }

    /** 60 KB of resource attributes (under one log's 64 KB) shared by 100 records: 6 MB written out. */
    private static byte[] hugeResource() {
        Resource.Builder resource = Resource.newBuilder();
        for (int i = 0; i < 600; i++) {
            resource.addAttributes(attribute("resource." + i, "v".repeat(80)));
        }
        ResourceLogs.Builder logs = request("web", record("a")).getResourceLogs(0).toBuilder().setResource(resource);
        for (int i = 0; i < 99; i++) {
            logs.getScopeLogsBuilder(0).addLogRecords(record("r" + i));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(logs).build().toByteArray();
    }

    private static byte[] cut(byte[] whole) {
        return Arrays.copyOf(whole, whole.length - 5);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
