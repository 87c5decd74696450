package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.cli.LogFlowCommand;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.kafka.KafkaReadiness;
import io.logflow.devstack.KafkaBroker;
import io.logflow.devstack.Ports;
import io.logflow.devstack.ServerArtifacts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logflow topics create | check} against a real broker; each test names topics of its own. */
class TopicsIT {

    private static KafkaBroker kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaBroker(ServerArtifacts.locate().kafkaClasspath(), dir.resolve("kafka"), Ports.freePort(),
                Ports.freePort());
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private record Run(int exitCode, String output) {}

    /** Runs {@code logflow topics ARGS} with a configuration whose topics carry the prefix. */
    private static Run topics(String prefix, String command) throws Exception {
        Path config = Files.writeString(dir.resolve(prefix + ".yaml"), """
                kafka:
                  brokers: ["BROKER"]
                  topics: {raw: P_raw, parsed: P_parsed, raw_dlq: P_raw_dlq, parsed_dlq: P_parsed_dlq, dlq_state: P_state}
                """.replace("BROKER", kafka.bootstrapServers()).replace("P_", prefix + "_"));
        StringWriter out = new StringWriter();
        int exitCode = LogFlowCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("topics", command, "--config", config.toString());
        return new Run(exitCode, out.toString());
    }

    private static void createBeforehand(NewTopic... topics) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(topics)).all().get();
        }
    }

    @Test
    void checkNamesEveryMissingTopicAndCreateMakesThemAsConfigured() throws Exception {
        Run before = topics("fresh", "check");
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.output()).contains("fresh_raw does not exist", "fresh_state does not exist",
                "fix: run 'logflow topics create'", "5 problems with the topics");

        Run create = topics("fresh", "create");
        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(create.output()).contains("1 broker; replication factor 1 (kafka.replication_factor is 3, capped",
                "created fresh_raw (3 partitions, replication factor 1, min.insync.replicas 1, cleanup.policy delete)",
                "created fresh_state (1 partitions, replication factor 1, min.insync.replicas 1, cleanup.policy compact)",
                "topics OK");

        Run after = topics("fresh", "check");
        assertThat(after.exitCode()).isZero();
        assertThat(after.output()).contains("topics OK: fresh_raw, fresh_parsed");
    }

    @Test
    void createIsSafeToRunAgain() throws Exception {
        assertThat(topics("again", "create").exitCode()).isZero();

        Run second = topics("again", "create");

        assertThat(second.exitCode()).isZero();
        assertThat(second.output()).contains("every topic already exists: nothing to create", "topics OK")
                .doesNotContain("created");
    }

    @Test
    void misconfiguredTopicsAreReportedAndCreateMendsWhatItSafelyCan() throws Exception {
        createBeforehand(new NewTopic("odd_raw", 1, (short) 1),
                new NewTopic("odd_parsed", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic("odd_state", 1, (short) 1).configs(Map.of("cleanup.policy", "delete")));

        Run check = topics("odd", "check");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.output()).contains("odd_raw has 1 partitions, fewer than the 3 configured",
                "odd_parsed has cleanup.policy=compact, not delete",
                "odd_state has cleanup.policy=delete, not compact",
                "odd_raw_dlq does not exist");

        Run create = topics("odd", "create");
        assertThat(create.output()).contains("added partitions to odd_raw: 1 -> 3", "created odd_raw_dlq");
        assertThat(create.exitCode()).as("a cleanup policy is left for the operator to change").isEqualTo(1);
        assertThat(topics("odd", "check").output()).doesNotContain("odd_raw has", "does not exist")
                .contains("2 problems with the topics");
    }

    @Test
    void aStageIsNotReadyWhileItsTopicsAreMissingAndSaysWhatToRun() throws Exception {
        try (KafkaReadiness readiness = new KafkaReadiness(
                ConfigLoader.defaultsWith(Map.of("KAFKA_BROKERS", kafka.bootstrapServers())).kafka(), List.of("late_raw"))) {
            assertThat(readiness.notReadyReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .isEqualTo("topic late_raw does not exist in Kafka at " + kafka.bootstrapServers()
                            + ": run 'logflow topics create'"));

            createBeforehand(new NewTopic("late_raw", 1, (short) 1));

            await().atMost(Duration.ofSeconds(10)).until(() -> readiness.notReadyReason().isEmpty());
        }
    }
}
