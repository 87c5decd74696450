package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.audit.AuditReport;
import io.logflow.audit.PipelineAudit;
import io.logflow.cli.Pipeline;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.log.IndexMode;
import io.logflow.core.log.LogStorage;
import io.logflow.devstack.DevStack;
import io.logflow.devstack.ElasticsearchNode;
import io.logflow.devstack.KafkaBroker;
import io.logflow.devstack.Ports;
import io.logflow.devstack.ServerArtifacts;
import io.logflow.devstack.Store;
import io.logflow.storagewriter.StorageWriterStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core scenario on every store LogFlow supports — Elasticsearch 8 and 9, OpenSearch 2
 * and 3, one real server each — in both index modes, all on one Kafka: the seed's script,
 * a poison record for each dead-letter topic, a replay, and the audit. In data-stream
 * mode, retention deletes an old backing index (never the write index), and a re-delivered
 * range of offsets stores each log once.
 */
class StoreMatrixIT {

    private static final String OLD_DAY = "2020-01-01";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path dir;
    private static KafkaBroker kafka;
    private static StoreSequence stores;

    @BeforeAll
    static void startKafkaAndTheFirstStore() throws IOException {
        dir = Files.createTempDirectory("logflow-stores-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        ServerArtifacts artifacts = ServerArtifacts.locate();
        List<Store> order = Arrays.asList(Store.values());
        stores = new StoreSequence(artifacts, dir, order);
        stores.startAhead(order.getFirst());
        kafka = new KafkaBroker(artifacts.kafkaClasspath(), dir.resolve("kafka"), Ports.freePort(), Ports.freePort());
        kafka.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (kafka != null) {
            kafka.stop();
        }
        if (stores != null) {
            stores.close();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static Stream<Arguments> storesAndModes() {
        return Arrays.stream(Store.values())
                .flatMap(store -> Arrays.stream(IndexMode.values()).map(mode -> Arguments.of(store, mode)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("storesAndModes")
    void theCoreScenarioBalancesTheAudit(Store store, IndexMode mode) throws Exception {
        ElasticsearchNode node = stores.node(store);
        Path config = configFile(store, mode, node);
        LogFlowConfig settings = ConfigLoader.load(config, Map.of());
        LogStorage storage = LogStorage.of(settings.storageWriter());
        DevStack.createTopics(kafka.bootstrapServers(), List.of(settings.kafka().topics().raw(),
                settings.kafka().topics().parsed(), settings.kafka().topics().rawDlq(),
                settings.kafka().topics().parsedDlq()), 2);
        try (Pipeline pipeline = Pipeline.start(settings)) {
            awaitReady(pipeline.storageWriter().port());
            poisonTheParsedDeadLetterTopic(node, storage, settings, pipeline.ingestor().port());
            String output = SeedScriptEndToEndIT.sendAllLogs("http://127.0.0.1:" + pipeline.ingestor().port());
            assertThat(output.lines().filter(line -> line.contains("HTTP 200"))).hasSize(8);
            assertThat(InProcessCommand.run(0, "dlq", "replay", "--topic", settings.kafka().topics().parsedDlq(),
                    "--config", config.toString())).contains("replayed 1 dead letters");

            AuditReport report = awaitAuditWithNothingMissing(settings);
            assertThat(report.accepted()).isEqualTo(9);
            assertThat(report.stored()).isEqualTo(8);
            assertThat(report.deadLetteredByParser()).isEqualTo(1);
            assertThat(report.balanced()).isTrue();
            everyStoredLogHasEverySpecFieldInItsSource(node, storage);
        }
        if (storage.dataStream()) {
            retentionDeletesTheOldBackingIndexNeverTheWriteIndex(node, storage, config);
            aRedeliveredRangeOfOffsetsStoresEachLogOnce(settings);
        }
    }

    /**
     * A stored document fixes {@code metadata.code} as an object on the old day (daily) or
     * in the write index (data stream); a log whose code is text then cannot be stored and is
     * dead-lettered by the writer. The conflict is then mended (the day deleted, or the data
     * stream rolled over), so that a replay can store it.
     */
    private static void poisonTheParsedDeadLetterTopic(ElasticsearchNode node, LogStorage storage, LogFlowConfig settings,
                                                       int ingestorPort) throws Exception {
        String conflicting = storage.dataStream() ? storage.searchTarget() : storage.prefix() + "-2020.01.01";
        assertThat(TestStack.elasticsearch(node, "PUT", "/" + conflicting + "/_create/conflict?refresh=true",
                "{\"@timestamp\":\"" + OLD_DAY + "T00:00:00Z\",\"metadata\":{\"code\":{\"nested\":\"object\"}}}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestorPort
                        + "/log")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"timestamp\":\"" + OLD_DAY + "T12:00:00Z\",\"level\":\"INFO\",\"message\":\"poison\","
                                + "\"metadata\":{\"code\":\"E1\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() ->
                TestStack.records(kafka.bootstrapServers(), settings.kafka().topics().parsedDlq()).size() == 1);
        HttpResponse<String> mended = storage.dataStream()
                ? TestStack.elasticsearch(node, "POST", "/" + storage.searchTarget() + "/_rollover", null)
                : TestStack.elasticsearch(node, "DELETE", "/" + conflicting, null);
        assertThat(mended.statusCode()).as(mended.body()).isEqualTo(200);
    }

    private static void everyStoredLogHasEverySpecFieldInItsSource(ElasticsearchNode node, LogStorage storage) {
        TestStack.elasticsearch(node, "POST", "/" + storage.searchTarget() + "/_refresh", null);
        JsonNode hits = TestStack.readJson(TestStack.elasticsearch(node, "POST", "/" + storage.searchTarget()
                + "/_search?size=100", "{\"query\":{\"exists\":{\"field\":\"level\"}}}").body()).path("hits").path("hits");
        assertThat(hits).hasSize(8);
        for (JsonNode hit : hits) {
            JsonNode source = hit.get("_source");
            assertThat(StreamSupport.stream(((Iterable<String>) source::fieldNames).spliterator(), false))
                    .containsAll(SeedScriptEndToEndIT.SPEC_FIELDS);
            assertThat(hit.get("_id").textValue()).isEqualTo(source.get("id").textValue());
            assertThat(source.has("@timestamp")).isEqualTo(storage.dataStream());
        }
    }

    /** The conflict's backing index holds only a log of 2020: it goes; the write index stays, whatever its age. */
    private static void retentionDeletesTheOldBackingIndexNeverTheWriteIndex(ElasticsearchNode node, LogStorage storage,
                                                                              Path config) {
        List<String> before = backingIndices(node, storage);
        assertThat(before).hasSize(2);
        String output = InProcessCommand.run(0, "indices", "prune", "--older-than", "7d", "--config", config.toString());
        assertThat(output).contains("deleted " + before.getFirst()).doesNotContain(before.getLast());
        assertThat(backingIndices(node, storage)).containsExactly(before.getLast());
    }

    private static List<String> backingIndices(ElasticsearchNode node, LogStorage storage) {
        JsonNode resolved = TestStack.readJson(TestStack.elasticsearch(node, "GET", "/_resolve/index/"
                + storage.searchTarget(), null).body());
        return StreamSupport.stream(resolved.path("data_streams").get(0).path("backing_indices").spliterator(), false)
                .map(JsonNode::asText).sorted().toList();
    }

    /**
     * The writer's offsets set back to the start of the parsed topic (what a writer that
     * crashed before committing re-reads): every log is written again, answered 409, and
     * stored once.
     */
    private static void aRedeliveredRangeOfOffsetsStoresEachLogOnce(LogFlowConfig settings) throws Exception {
        String parsed = settings.kafka().topics().parsed();
        try (Admin admin = admin()) {
            var partitions = admin.describeTopics(List.of(parsed)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(parsed).partitions().stream().map(p -> new TopicPartition(parsed, p.partition())).toList();
            admin.alterConsumerGroupOffsets(settings.storageWriter().groupId(), partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)))).all().get(30, TimeUnit.SECONDS);
        }
        int records = TestStack.records(kafka.bootstrapServers(), parsed).size();
        assertThat(records).as("7 logs, the poison log, its replayed copy").isEqualTo(9);
        try (StorageWriterStage writer = StorageWriterStage.start(settings)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + writer.port()
                            + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body())
                            .as("every re-delivered log counted stored (409: it is there already)")
                            .contains("storage_writer_logs_stored_total{stage=\"storage-writer\"} " + records + ".0"));
        }
        AuditReport report = new PipelineAudit(settings, message -> {}).run(null, null);
        System.out.println("audit after the re-delivery:\n" + report.summary());
        assertThat(report.stored()).isEqualTo(8);
        assertThat(report.duplicateIds()).isEmpty();
        assertThat(report.balanced()).isTrue();
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }

    private static AuditReport awaitAuditWithNothingMissing(LogFlowConfig settings) {
        AuditReport report = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            try {
                return new PipelineAudit(settings, message -> {}).run(null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, candidate -> candidate.missingIds().isEmpty());
        System.out.println("audit:\n" + report.summary());
        return report;
    }

    private static void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    /** This case's own topics and consumer groups on the shared Kafka, its store, its index mode. */
    private static Path configFile(Store store, IndexMode mode, ElasticsearchNode node) throws IOException {
        String name = store.id().replace("-", "") + "_" + mode.option();
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                kafka:
                  brokers: ["%s"]
                  topics: {raw: %s_raw, parsed: %s_parsed, raw_dlq: %s_raw_dlq, parsed_dlq: %s_parsed_dlq, dlq_state: %s_dlq_state}
                elasticsearch:
                  url: %s
                ingestor:
                  http_port: 0
                parser:
                  group_id: %s_parser
                  http_port: 0
                storage_writer:
                  group_id: %s_writer
                  http_port: 0
                  index_mode: %s
                """.formatted(kafka.bootstrapServers(), name, name, name, name, name, node.url(), name, name,
                mode.option()));
        return config;
    }
}
