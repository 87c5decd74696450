package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.audit.AuditReport;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.devstack.StageProcess;
import io.logflow.ingestor.IngestorStage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Correlation ids through every stage, and {@code logflow dlq}: ls, show, replay (stored
 * once even when replayed twice) and archive, on a real Kafka and Elasticsearch.
 *
 * <p>One stack for every test. Before them, one request's log is stored, another's is
 * dead-lettered by the parser, and a parsed log is dead-lettered by the writer for a
 * mapping conflict that is then fixed. Each test runs {@code logflow dlq} with a state
 * topic of its own, so that what one test replays or archives no other test sees.
 */
class DeadLetterToolIT {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static TestStack stack;
    private static StageProcess writer;

    @BeforeAll
    static void startWithADeadLetterInEachTopic() throws Exception {
        stack = TestStack.start();
        IngestorStage ingestor = stack.devStack().closeFirst(IngestorStage.start(stack.config()));
        stack.stageProcess("parser").start();
        writer = stack.stageProcess("storage-writer").start();
        String ingestorUrl = "http://127.0.0.1:" + ingestor.port();

        post(ingestorUrl, "req-good", "{\"timestamp\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"message\":\"good\"}");
        post(ingestorUrl, "req-impossible",
                "{\"timestamp\":\"2024-02-31T12:00:00Z\",\"level\":\"ERROR\",\"message\":\"impossible\"}");

        // a document from elsewhere fixes metadata.code as text in that day's index
        HttpResponse<String> seeded = http.send(HttpRequest.newBuilder(URI.create(stack.devStack().elasticsearchUrl()
                        + "/logs-2020.01.01/_doc/seed?refresh=true")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"code\":\"E1\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(seeded.statusCode()).isEqualTo(201);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("parsed_logs", ("{\"id\":\"external-0-1\",\"timestamp\":\"2020-01-01T11:00:00Z\","
                    + "\"timestamp_ms\":1577876400000,\"level\":\"INFO\",\"service\":\"s\",\"message\":\"b\","
                    + "\"metadata\":{\"code\":{\"nested\":\"object\"}}}").getBytes(StandardCharsets.UTF_8))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.records("raw_logs_dlq").size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.records("parsed_logs_dlq").size() == 1);
        // the conflict is fixed: a replay can store that dead letter
        stack.send("DELETE", stack.devStack().elasticsearchUrl() + "/logs-2020.01.01");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRequestsCorrelationIdIsOnItsDocument() {
        JsonNode good = await().atMost(Duration.ofSeconds(60))
                .until(() -> stack.documents("logs-*").stream().map(hit -> hit.get("_source"))
                        .filter(source -> "good".equals(source.path("message").textValue())).findFirst(),
                        found -> found.isPresent())
                .orElseThrow();

        assertThat(good.get("correlation_id").textValue()).isEqualTo("req-good");
    }

    @Test
    void aRequestsCorrelationIdIsOnItsDeadLetterAndOnTheParsersLogLine() throws IOException {
        assertThat(stack.records("raw_logs_dlq")).singleElement()
                .satisfies(deadLetter -> assertThat(CorrelationId.read(deadLetter.headers())).hasValue("req-impossible"));
        assertThat(Files.readString(stack.dir().resolve("parser.out")))
                .contains("raw log dead-lettered", "\"correlation_id\":\"req-impossible\"");
    }

    @Test
    void lsCountsEachTopicsDeadLettersByStageAndReason() throws IOException {
        String ls = dlq(0, configOfItsOwn(), "ls");

        assertThat(ls).contains("raw_logs_dlq: 1 dead letters, 1 pending", "parser: timestamp '…' is not a valid date")
                .contains("parsed_logs_dlq: 1 dead letters, 1 pending");
    }

    @Test
    void showFindsADeadLetterByCorrelationIdWithItsHeadersAndState() throws IOException {
        JsonNode shown = TestStack.readJson(
                dlq(0, configOfItsOwn(), "show", "--correlation-id", "req-impossible", "--json").strip());

        assertThat(shown.get("headers").get("error").textValue()).contains("2024-02-31T12:00:00Z");
        assertThat(shown.get("headers").get("correlation_id").textValue()).isEqualTo("req-impossible");
        assertThat(shown.get("state").textValue()).isEqualTo("pending");
    }

    @Test
    void aReplayedDeadLetterIsStoredOnceEvenWhenReplayedTwice() throws IOException {
        Path config = configOfItsOwn();

        assertThat(dlq(0, config, "replay", "--topic", "parsed_logs_dlq", "--reason", "parsing|mapp"))
                .contains("replayed 1 dead letters");
        await().atMost(Duration.ofSeconds(60)).until(() -> idCount("external-0-1") == 1);
        String storedBefore = storedCount();
        assertThat(dlq(0, config, "replay", "--topic", "parsed_logs_dlq", "--again")).contains("replayed 1 dead letters");
        await().atMost(Duration.ofSeconds(60)).until(() -> !storedCount().equals(storedBefore));

        assertThat(idCount("external-0-1")).as("replayed twice, stored once").isEqualTo(1);
        assertThat(stack.records("parsed_logs_dlq")).hasSize(1);
        assertThat(dlq(0, config, "ls")).contains("parsed_logs_dlq: 1 dead letters, 0 pending");
    }

    @Test
    void archiveWritesEveryRecordAndHeaderToAFileThatReadsBackAndLeavesNonePending() throws IOException {
        Path config = configOfItsOwn();
        Path archive = stack.dir().resolve("dead-letters-" + UUID.randomUUID() + ".ndjson.gz");

        assertThat(dlq(0, config, "archive", "--topic", "raw_logs_dlq", "--file", archive.toString()))
                .contains("archived 1 dead letters");

        List<String> lines;
        try (var in = new GZIPInputStream(Files.newInputStream(archive))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines).hasSize(1);
        JsonNode archived = TestStack.readJson(lines.getFirst());
        assertThat(archived.get("value").textValue()).contains("2024-02-31T12:00:00Z");
        assertThat(archived.get("headers").get("correlation_id").textValue()).isEqualTo("req-impossible");
        assertThat(archived.get("headers").get("original_topic").textValue()).isEqualTo("raw_logs");
        assertThat(dlq(0, config, "ls")).contains("raw_logs_dlq: 1 dead letters, 0 pending");
    }

    @Test
    void onlyAWriteCreatesTheStateTopic() throws Exception {
        Path config = configOfItsOwn();
        String stateTopic = stateTopicOf(config);

        dlq(0, config, "ls");
        dlq(0, config, "show");
        dlq(0, config, "replay", "--dry-run");
        assertThat(topics()).as("after ls, show and replay --dry-run").doesNotContain(stateTopic);

        dlq(0, config, "archive", "--file", stack.dir().resolve(stateTopic + ".ndjson.gz").toString());
        assertThat(topics()).as("after archive").contains(stateTopic);
    }

    @Test
    void replayingWhatNoDeadLetterMatchesIsAnError() throws IOException {
        assertThat(dlq(1, configOfItsOwn(), "replay", "--reason", "no such reason")).isEmpty();
    }

    @Test
    void aKafkaThatDoesNotAnswerIsAnErrorWithinItsDeadline() throws IOException {
        Path nowhere = stack.dir().resolve("nowhere.yaml");
        Files.writeString(nowhere, "kafka:\n  brokers: [\"127.0.0.1:1\"]\n");
        long started = System.nanoTime();

        dlq(1, nowhere, "ls");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 15 s it says, not the client's 60 s")
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void theAuditBalances() {
        AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofSeconds(60));

        assertThat(report.balanced()).as(report.summary()).isTrue();
    }

    private static void post(String ingestorUrl, String requestId, String log) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingestorUrl + "/log"))
                .header("Content-Type", "application/json").header("X-Request-ID", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(log)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue(requestId);
    }

    /** A {@code logflow dlq} config for the stack, with a state topic no other test uses. */
    private static Path configOfItsOwn() throws IOException {
        String stateTopic = "dlq_state_" + UUID.randomUUID();
        Path config = stack.dir().resolve(stateTopic + ".yaml");
        Files.writeString(config, "kafka:\n  brokers: [\"" + stack.devStack().bootstrapServers() + "\"]\n"
                + "  topics:\n    dlq_state: " + stateTopic + "\n"
                + "elasticsearch:\n  url: " + stack.devStack().elasticsearchUrl() + "\n");
        return config;
    }

    private static String stateTopicOf(Path config) {
        String file = config.getFileName().toString();
        return file.substring(0, file.length() - ".yaml".length());
    }

    /** Runs {@code logflow dlq ...} in this JVM; returns what it printed on stdout. */
    private static String dlq(int expectedExit, Path config, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "dlq";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "--config";
        command[args.length + 2] = config.toString();
        return InProcessCommand.run(expectedExit, command);
    }

    private static Set<String> topics() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.devStack().bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static long idCount(String id) {
        stack.send("POST", stack.devStack().elasticsearchUrl() + "/logs-*/_refresh");
        return TestStack.readJson(stack.get(stack.devStack().elasticsearchUrl() + "/logs-*/_count?q=id:" + id).body())
                .get("count").longValue();
    }

    private static String storedCount() {
        return stack.get("http://127.0.0.1:" + writer.port() + "/metrics").body().lines()
                .filter(line -> line.startsWith("storage_writer_logs_stored_total")).findFirst().orElse("");
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.devStack().bootstrapServers());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
