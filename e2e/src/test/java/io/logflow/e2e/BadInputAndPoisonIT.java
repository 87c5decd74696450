package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.audit.AuditReport;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.devstack.StageProcess;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at the door and poison records behind it, on the real pipeline. Every bad
 * request gets a 4xx with a JSON error body, never a 5xx; every poison record becomes a
 * dead letter with a reason; good logs around them are stored; the audit balances. The
 * tests share one pipeline, and each stands alone: none relies on another having run.
 */
class BadInputAndPoisonIT {

    private static final String GOOD = "{\"timestamp\":\"2026-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\"}";
    private static TestStack stack;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(List.of(), Map.of("INGESTOR_REQUEST_TIMEOUT_MS", "2000")).withPipeline();
        port = stack.pipeline().ingestor().port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] post(String body) {
        return RawHttp.request("POST", "/log", "application/json", utf8(body));
    }

    private static byte[] post(byte[] body) {
        return RawHttp.request("POST", "/log", "application/json", body);
    }

    private static String log(String timestamp, String level, String message, String extra) {
        return "{\"timestamp\":" + timestamp + ",\"level\":" + level + ",\"message\":" + message + extra + "}";
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(utf8(text));
        }
        return out.toByteArray();
    }

    static Stream<Arguments> badRequests() throws Exception {
        String ts = "\"2026-01-15T10:30:00Z\"";
        byte[] invalidUtf8 = utf8(log(ts, "\"INFO\"", "\"xx\"", ""));
        invalidUtf8[invalidUtf8.length - 4] = (byte) 0xFF;
        byte[] overlong = utf8(log(ts, "\"INFO\"", "\"xx\"", ""));
        overlong[overlong.length - 4] = (byte) 0xC0;
        overlong[overlong.length - 3] = (byte) 0xAF;
        byte[] bom = RawHttp.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(GOOD));
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) 'x');
        List<Arguments> cases = new ArrayList<>(List.of(
                Arguments.of("empty body", post("")),
                Arguments.of("whitespace body", post("  \n\t ")),
                Arguments.of("not JSON", post("this is not JSON")),
                Arguments.of("truncated object", post("{\"timestamp\":" + ts + ",\"level\":\"INFO\"")),
                Arguments.of("truncated string", post("{\"timestamp\":\"2026-01")),
                Arguments.of("deeply nested arrays", post("[".repeat(5000) + "]".repeat(5000))),
                Arguments.of("deeply nested objects", post("{\"a\":".repeat(3000) + "1" + "}".repeat(3000))),
                Arguments.of("nested metadata", post(log(ts, "\"INFO\"", "\"m\"", ",\"metadata\":{\"a\":{\"b\":{\"c\":\"d\"}}}"))),
                Arguments.of("array of logs on /log", post("[" + GOOD + "]")),
                Arguments.of("a number", post("42")),
                Arguments.of("a string", post("\"a log\"")),
                Arguments.of("null", post("null")),
                Arguments.of("true", post("true")),
                Arguments.of("timestamp as a number", post(log("1768473000", "\"INFO\"", "\"m\"", ""))),
                Arguments.of("timestamp null", post(log("null", "\"INFO\"", "\"m\"", ""))),
                Arguments.of("level null", post(log(ts, "null", "\"m\"", ""))),
                Arguments.of("message null", post(log(ts, "\"INFO\"", "null", ""))),
                Arguments.of("level as an array", post(log(ts, "[\"INFO\"]", "\"m\"", ""))),
                Arguments.of("message as an object", post(log(ts, "\"INFO\"", "{\"text\":\"m\"}", ""))),
                Arguments.of("message as a boolean", post(log(ts, "\"INFO\"", "false", ""))),
                Arguments.of("service as a number", post(log(ts, "\"INFO\"", "\"m\"", ",\"service\":7"))),
                Arguments.of("service with spaces", post(log(ts, "\"INFO\"", "\"m\"", ",\"service\":\"my service\""))),
                Arguments.of("service with a slash", post(log(ts, "\"INFO\"", "\"m\"", ",\"service\":\"a/b\""))),
                Arguments.of("metadata as a string", post(log(ts, "\"INFO\"", "\"m\"", ",\"metadata\":\"x\""))),
                Arguments.of("metadata as an array", post(log(ts, "\"INFO\"", "\"m\"", ",\"metadata\":[\"x\"]"))),
                Arguments.of("metadata with a number", post(log(ts, "\"INFO\"", "\"m\"", ",\"metadata\":{\"n\":1}"))),
                Arguments.of("metadata with null", post(log(ts, "\"INFO\"", "\"m\"", ",\"metadata\":{\"n\":null}"))),
                Arguments.of("huge exponent", post(log("1e999999", "\"INFO\"", "\"m\"", ""))),
                Arguments.of("huge integer", post(log("1" + "0".repeat(2000), "\"INFO\"", "\"m\"", ""))),
                Arguments.of("huge number in metadata", post(log(ts, "\"INFO\"", "\"m\"", ",\"metadata\":{\"n\":" + "9".repeat(500) + "}"))),
                Arguments.of("duplicate level", post(log(ts, "\"INFO\"", "\"m\"", ",\"level\":\"ERROR\""))),
                Arguments.of("duplicate message", post(log(ts, "\"INFO\"", "\"m\"", ",\"message\":\"n\""))),
                Arguments.of("raw control character", post(log(ts, "\"INFO\"", "\"a\u0001b\"", ""))),
                Arguments.of("raw newline in a string", post(log(ts, "\"INFO\"", "\"a\nb\"", ""))),
                Arguments.of("invalid UTF-8", post(invalidUtf8)),
                Arguments.of("overlong UTF-8", post(overlong)),
                Arguments.of("byte-order mark", post(bom)),
                Arguments.of("UTF-16 body", post(GOOD.getBytes(StandardCharsets.UTF_16LE))),
                Arguments.of("message over 10,000 characters", post(log(ts, "\"INFO\"", "\"" + "x".repeat(10_001) + "\"", ""))),
                Arguments.of("body over 64 KB", post(log(ts, "\"INFO\"", "\"m\"", ",\"metadata\":{\"k\":\"" + "x".repeat(70_000) + "\"}"))),
                Arguments.of("10 MB body", post(tenMegabytes)),
                Arguments.of("timestamp in words", post(log("\"yesterday\"", "\"INFO\"", "\"m\"", ""))),
                Arguments.of("timestamp without time", post(log("\"2026-01-15\"", "\"INFO\"", "\"m\"", ""))),
                Arguments.of("timestamp with slashes", post(log("\"2026/01/15 10:30:00\"", "\"INFO\"", "\"m\"", ""))),
                Arguments.of("unknown level", post(log(ts, "\"TRACE\"", "\"m\"", ""))),
                Arguments.of("empty level", post(log(ts, "\"\"", "\"m\"", ""))),
                Arguments.of("empty message", post(log(ts, "\"INFO\"", "\"\"", ""))),
                Arguments.of("missing timestamp", post("{\"level\":\"INFO\",\"message\":\"m\"}")),
                Arguments.of("empty object", post("{}")),
                Arguments.of("trailing garbage", post(GOOD + " garbage")),
                Arguments.of("two objects", post(GOOD + GOOD)),
                Arguments.of("single quotes", post("{'timestamp':" + ts + ",'level':'INFO','message':'m'}")),
                Arguments.of("unquoted keys", post("{timestamp:" + ts + ",level:\"INFO\",message:\"m\"}")),
                Arguments.of("comment", post("/* hi */" + GOOD)),
                Arguments.of("NaN", post(log("NaN", "\"INFO\"", "\"m\"", ""))),
                Arguments.of("trailing comma", post(log(ts, "\"INFO\"", "\"m\"", ","))),
                Arguments.of("Content-Type text/plain", RawHttp.request("POST", "/log", "text/plain", utf8(GOOD))),
                Arguments.of("no Content-Type", RawHttp.request("POST", "/log", null, utf8(GOOD))),
                Arguments.of("Content-Type XML", RawHttp.request("POST", "/log", "application/xml", utf8("<log/>"))),
                Arguments.of("form-encoded (curl -d)", RawHttp.request("POST", "/log", "application/x-www-form-urlencoded", utf8("level=INFO"))),
                Arguments.of("gzip declared, body not gzip", utf8("POST /log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + GOOD.length()
                        + "\r\n\r\n" + GOOD)),
                Arguments.of("gzip of invalid JSON", RawHttp.concat(utf8("POST /log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + gzip("{nope").length
                        + "\r\n\r\n"), gzip("{nope"))),
                Arguments.of("GET /log", RawHttp.request("GET", "/log", null, null)),
                Arguments.of("PUT /log", RawHttp.request("PUT", "/log", "application/json", utf8(GOOD))),
                Arguments.of("DELETE /log", RawHttp.request("DELETE", "/log", null, null)),
                Arguments.of("PATCH /log", RawHttp.request("PATCH", "/log", "application/json", utf8(GOOD))),
                Arguments.of("TRACE /log", RawHttp.request("TRACE", "/log", null, null)),
                Arguments.of("unknown method", RawHttp.request("BREW", "/log", null, null)),
                Arguments.of("unknown path", RawHttp.request("POST", "/nope", "application/json", utf8(GOOD))),
                Arguments.of("GET unknown path", RawHttp.request("GET", "/admin/../../etc/passwd", null, null)),
                Arguments.of("URI of 20 KB", RawHttp.request("GET", "/log?" + "x".repeat(20_000), null, null)),
                Arguments.of("header of 20 KB", utf8("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000) + "\r\nConnection: close\r\n\r\n")),
                Arguments.of("malformed request line", utf8("THIS IS NOT HTTP\r\n\r\n")),
                Arguments.of("chunked invalid JSON", utf8("POST /log HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"lev\r\n3\r\nel\"\r\n0\r\n\r\n")),
                Arguments.of("Content-Length says more than arrives", RawHttp.concat(
                        utf8("POST /log HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"), utf8(GOOD))),
                Arguments.of("Expect 100-continue with a huge Content-Length", utf8("POST /log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 99999999\r\n\r\n")),
                Arguments.of("HTTP/1.0 with invalid JSON", utf8("POST /log HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{{{"))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void everyBadRequestGetsA4xxWithAJsonErrorBody(String name, byte[] request) throws Exception {
        RawHttp.Response response = RawHttp.exchange(port, request);
        assertBadRequestAnswered(name, response);
    }

    @Test
    void aBodyThatStopsHalfWayGetsA408() throws Exception {
        byte[] head = utf8("POST /log HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n{\"timestamp\":");
        RawHttp.Response response = RawHttp.exchange(port, List.of(head), Duration.ZERO);
        assertThat(response.status()).isEqualTo(408);
        assertBadRequestAnswered("a body that stops half way", response);
    }

    @Test
    void aSlowButCompleteBodyIsStillValidated() throws Exception {
        byte[] body = utf8("{\"level\":\"INFO\"}");
        List<byte[]> pieces = new ArrayList<>();
        pieces.add(utf8("POST /log HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n"));
        for (byte b : body) {
            pieces.add(new byte[] {b});
        }
        RawHttp.Response response = RawHttp.exchange(port, pieces, Duration.ofMillis(50));
        assertThat(response.status()).isEqualTo(400);
        assertBadRequestAnswered("a slow body", response);
    }

    @Test
    void aChunkedGoodLogIsAccepted() throws Exception {
        String first = GOOD.substring(0, 20);
        String rest = GOOD.substring(20);
        RawHttp.Response response = RawHttp.exchange(port, utf8("POST /log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n"));
        assertThat(response.status()).isEqualTo(200);
    }

    private static void assertBadRequestAnswered(String name, RawHttp.Response response) {
        System.out.printf("bad input: %-48s -> %d %s%n", name, response.status(),
                response.body().substring(0, Math.min(160, response.body().length())));
        assertThat(response.status()).as(name + ": " + response.body()).isBetween(400, 499);
        assertThat(response.isJson()).as(name + " answers JSON: " + response.headers()).isTrue();
        assertThat(TestStack.readJson(response.body()).path("error").isTextual()).as(name + ": " + response.body()).isTrue();
    }

    @Test
    void afterEveryBadRequestTheIngestorIsHealthyAndStillAcceptsGoodLogs() throws Exception {
        List<Arguments> cases = badRequests().toList();
        assertThat(cases).as("distinct bad requests").hasSizeGreaterThanOrEqualTo(60);
        for (Arguments badRequest : cases) {
            RawHttp.exchange(port, (byte[]) badRequest.get()[1]);
        }
        assertThat(stack.get(stack.ingestorUrl() + "/health").statusCode()).isEqualTo(200);
        assertThat(stack.post(stack.ingestorUrl() + "/log", "application/json", GOOD).statusCode()).isEqualTo(200);
    }

    @Test
    void largestRequestsAtOnceAreTakenOrAnswered429AndTheShippedHeapHoldsThem() throws Exception {
        // the ingestor as shipped: a process of its own with cli/src/main/jvm/ingestor.options (a 60 MB heap)
        Path output = Files.createTempDirectory(stack.dir(), "memory-");
        // (its request timeout above the slow single logs' wait below)
        StageProcess ingestor = stack.stageProcess("ingestor", Map.of("INGESTOR_REQUEST_TIMEOUT_MS", "60000"), output)
                .start();
        String url = "http://127.0.0.1:" + ingestor.port();
        String message = "m".repeat(1_500);
        String now = Instant.now().toString();
        byte[] batch = utf8(("{\"timestamp\":\"" + now + "\",\"level\":\"INFO\",\"message\":\"" + message
                + "\"}\n").repeat(9_500)); // 15 MB, just under ingestor.batch_max_bytes
        byte[] bulk = utf8(("{\"create\":{}}\n{\"@timestamp\":\"" + now + "\",\"message\":\"" + message + "\"}\n")
                .repeat(6_000)); // 9.5 MB
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String path = i % 3 == 2 ? "/_bulk" : "/logs";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type",
                    "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(i % 3 == 2 ? bulk : batch)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains("ingestor.max_request_memory_bytes");
            } else {
                assertThat(response.statusCode()).as(response.body().substring(0, Math.min(300, response.body().length()))).isEqualTo(200);
                assertThat(response.body()).startsWith(response.uri().getPath().equals("/_bulk")
                        ? "{\"took\"" : "{\"accepted\":9500,\"rejected\":0,\"unavailable\":0");
            }
        }
        System.out.println("six large batches at once: " + statuses);
        assertThat(statuses).contains(200).contains(429);

        // 900 single logs of 59 KB whose bodies trickle: each announced length was an array of its own
        // from the first bytes on, 53 MB in all (before: OutOfMemoryError, the ingestor silent)
        Map<Integer, Long> singles = slowSingleLogs(ingestor.port(), 900, now);
        System.out.println("900 slow single logs of 59 KB at once: " + singles);
        assertThat(singles.keySet()).as("taken, refused for memory, or Kafka too slow: never 5xx of its own")
                .isSubsetOf(200, 429, 503).contains(200, 429);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        ingestor.stop();
        assertThat(Files.readString(output.resolve("ingestor.out"))).doesNotContain("OutOfMemoryError");
    }

    /** Each connection sends its request's head and ~100 bytes; once all have, and 1 s later, each sends the rest. */
    private static Map<Integer, Long> slowSingleLogs(int port, int connections, String now) throws Exception {
        StringBuilder metadata = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("v".repeat(5_000)).append('"');
        }
        byte[] request = RawHttp.request("POST", "/log", "application/json", utf8("{\"timestamp\":\"" + now
                + "\",\"level\":\"INFO\",\"message\":\"" + "m".repeat(9_000) + "\",\"metadata\":{" + metadata + "}}"));
        List<byte[]> pieces = List.of(Arrays.copyOf(request, request.length - 59_000),
                Arrays.copyOfRange(request, request.length - 59_000, request.length));
        CountDownLatch started = new CountDownLatch(connections);
        RawHttp.Pause untilAllStarted = () -> {
            started.countDown();
            assertThat(started.await(1, TimeUnit.MINUTES)).as("every connection sent its first bytes").isTrue();
            Thread.sleep(1_000); // the ingestor has read them all
        };
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                statuses.add(clients.submit(() -> RawHttp.exchange(port, pieces, untilAllStarted).status()));
            }
            Map<Integer, Long> counted = new TreeMap<>();
            for (Future<Integer> status : statuses) {
                counted.merge(status.get(2, TimeUnit.MINUTES), 1L, Long::sum);
            }
            return counted;
        }
    }

    @Test
    void poisonRecordsAreDeadLetteredWithAReasonAndTheRecordsAroundThemStored() throws Exception {
        String now = Instant.now().toString();
        // a first document fixes metadata.code as text in today's index
        String mappingSetter = "{\"timestamp\":\"" + now + "\",\"level\":\"INFO\",\"message\":\"sets the mapping\","
                + "\"metadata\":{\"code\":\"E42\"}}";
        assertThat(stack.post(stack.ingestorUrl() + "/log", "application/json", mappingSetter).statusCode()).isEqualTo(200);
        // other tests may store logs too: wait for this one, or the conflicting record below may set the mapping first
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.documents("logs-*").stream()
                .anyMatch(hit -> hit.path("_source").path("message").asText().equals("sets the mapping")));

        List<byte[]> rawPoison = List.of(
                randomBytes(64),
                RawHttp.concat(utf8("{\"timestamp\":\"" + now + "\",\"level\":\"INFO\",\"message\":\""),
                        new byte[] {(byte) 0xFF, (byte) 0xFE, '"', '}'}),
                utf8("{\"timestamp\":17,\"level\":\"INFO\",\"message\":\"wrong type\"}"),
                utf8("{\"timestamp\":\"" + now + "\",\"level\":\"INFO\",\"message\":\"m\",\"metadata\":{\"n\":[1]}}"),
                utf8("[1,2,3]"),
                new byte[0]);
        String parsedTemplate = "{\"id\":\"external-0-%d\",\"timestamp\":\"" + now + "\",\"level\":\"INFO\","
                + "\"service\":\"s\",\"message\":\"%s\",\"metadata\":%s}";
        List<byte[]> parsedPoison = List.of(
                utf8(String.format(parsedTemplate, 1, "mapping conflict", "{\"code\":{\"nested\":\"object\"}}")),
                randomBytes(64),
                utf8("{\"timestamp\":\"" + now + "\",\"message\":\"no id\"}"),
                utf8("{\"id\":\"external-0-2\",\"message\":\"no time\"}"),
                utf8("\"just a string\""));

        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < rawPoison.size(); i++) {
                producer.send(new ProducerRecord<>("raw_logs", utf8(raw(now, "before raw poison " + i))));
                producer.send(new ProducerRecord<>("raw_logs", rawPoison.get(i)));
                producer.send(new ProducerRecord<>("raw_logs", utf8(raw(now, "after raw poison " + i))));
            }
            for (int i = 0; i < parsedPoison.size(); i++) {
                producer.send(new ProducerRecord<>("parsed_logs",
                        utf8(String.format(parsedTemplate, 100 + i, "before parsed poison " + i, "{}"))));
                producer.send(new ProducerRecord<>("parsed_logs", parsedPoison.get(i)));
                producer.send(new ProducerRecord<>("parsed_logs",
                        utf8(String.format(parsedTemplate, 200 + i, "after parsed poison " + i, "{}"))));
            }
            producer.flush();
        }

        List<ConsumerRecord<byte[], byte[]>> rawDeadLetters = await().atMost(Duration.ofSeconds(60))
                .until(() -> stack.records("raw_logs_dlq"), records -> records.size() >= rawPoison.size());
        assertThat(rawDeadLetters).hasSize(rawPoison.size());
        assertThat(rawDeadLetters).extracting(record -> record.value()).containsExactlyInAnyOrderElementsOf(rawPoison);
        assertThat(rawDeadLetters).allSatisfy(record ->
                assertThat(DeadLetter.header(record.headers(), DeadLetter.ERROR)).isNotBlank());

        List<ConsumerRecord<byte[], byte[]>> parsedDeadLetters = await().atMost(Duration.ofSeconds(60))
                .until(() -> stack.records("parsed_logs_dlq"), records -> records.size() >= parsedPoison.size());
        assertThat(parsedDeadLetters).hasSize(parsedPoison.size());
        assertThat(parsedDeadLetters).extracting(record -> record.value()).containsExactlyInAnyOrderElementsOf(parsedPoison);
        ConsumerRecord<byte[], byte[]> conflict = parsedDeadLetters.stream()
                .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains("mapping conflict"))
                .findFirst().orElseThrow();
        assertThat(DeadLetter.header(conflict.headers(), DeadLetter.ERROR)).contains("400").contains("exception");
        assertThat(DeadLetter.header(conflict.headers(), DeadLetter.STAGE)).isEqualTo("storage-writer");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> messages = stack.documents("logs-*").stream()
                    .map(hit -> hit.get("_source").get("message").textValue()).toList();
            for (int i = 0; i < rawPoison.size(); i++) {
                assertThat(messages).contains("before raw poison " + i, "after raw poison " + i);
            }
            for (int i = 0; i < parsedPoison.size(); i++) {
                assertThat(messages).contains("before parsed poison " + i, "after parsed poison " + i);
            }
        });

        // no other test of this class sends poison: these dead letters are all there are
        AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(1));
        assertThat(report.balanced()).as(report.summary()).isTrue();
        assertThat(report.deadLetteredByParser()).isEqualTo(6);
        assertThat(report.foreignDeadLetters()).isEqualTo(5);
        assertThat(report.stored()).isEqualTo(report.accepted() - 6);
    }

    private static String raw(String timestamp, String message) {
        return "{\"timestamp\":\"" + timestamp + "\",\"level\":\"INFO\",\"message\":\"" + message + "\"}";
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.util.Random(count).nextBytes(bytes);
        return bytes;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.devStack().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
