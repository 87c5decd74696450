package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.cli.LogFlowCommand;
import io.logflow.devstack.KafkaBroker;
import io.logflow.devstack.Ports;
import io.logflow.devstack.StageProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LogFlow on a Kafka that wants to know who it is: the three stages (each in its own
 * process), {@code logflow dlq} and {@code logflow audit} know only the broker's SASL_SSL
 * listener (SCRAM-SHA-512 over TLS, certificates made by the test, the user created when
 * the broker's storage was formatted). A wrong password is named within seconds, and no
 * stage writes the password in its log.
 */
class KafkaSaslSslIT {

    private static final List<String> STAGES = List.of("ingestor", "parser", "storage-writer");
    private static final String USER = "logflow";
    private static final String PASSWORD = "scram-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();
    private static final int LOGS = 300;

    private static TestStack stack;
    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static Path toolConfig;
    private static final Map<String, StageProcess> stages = new HashMap<>();

    @BeforeAll
    static void startKafkaWithSaslSslAndTheStages() throws Exception {
        certificates = TestCertificates.create(dir.resolve("certificates"), "store-" + UUID.randomUUID());
        var listener = new KafkaBroker.SaslSslListener(Ports.freePort(), certificates.serverKeystore(),
                certificates.keystorePassword(), Map.of(USER, PASSWORD));
        // the stages get the password from the environment, the tools from a file
        stack = TestStack.startWithSaslSsl(listener, Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SECURITY_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SECURITY_USERNAME", USER,
                "KAFKA_SECURITY_PASSWORD", PASSWORD,
                "KAFKA_SECURITY_CA_FILE", certificates.caPem().toString()));
        assertThat(stack.config().kafka().bootstrapServers()).isEqualTo(stack.devStack().saslSslBootstrapServers())
                .isNotEqualTo(stack.devStack().bootstrapServers());
        for (String stage : STAGES) {
            stages.put(stage, stack.stageProcess(stage).start());
        }
        // ready: each stage's admin client has been let in and found the stage's topics
        stages.forEach((stage, process) -> await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(stack.get("http://127.0.0.1:" + process.port() + "/ready").statusCode())
                        .as(stage + " /ready").isEqualTo(200)));
        toolConfig = toolConfig("tools.yaml", Files.writeString(dir.resolve("kafka-password"), PASSWORD + "\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void logsGoThroughEveryStageAndTheToolsOverSaslSslAndTheAuditBalances() throws Exception {
        new LogSender(ingestorUrl()).send(LOGS, 8, 0);
        poisonTheRawTopic();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> stack.documents("logs-*").size(), count -> count == LOGS);
        String deadLetters = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> run(0, "dlq", "ls").stdout(), out -> out.contains("raw_logs_dlq: 1 dead letters"));
        assertThat(deadLetters).contains("parsed_logs_dlq: 0 dead letters");
        Path archive = dir.resolve("dead-letters.ndjson.gz");
        assertThat(run(0, "dlq", "archive", "--file", archive.toString()).stdout()).contains("archived 1 dead letters");

        assertThat(run(0, "audit").stdout()).containsPattern("accepted \\(raw logs\\)\\s+" + (LOGS + 1))
                .containsPattern("stored in Elasticsearch\\s+" + LOGS)
                .containsPattern("dead-lettered by the parser\\s+1")
                .contains("BALANCED");
    }

    @Test
    void noStageWritesThePasswordInItsLog() throws Exception {
        for (String stage : STAGES) {
            String log = Files.readString(stack.dir().resolve(stage + ".out"));
            assertThat(log).as(stage).contains("http server listening").doesNotContain(PASSWORD);
        }
    }

    @Test
    void aStageWithAWrongPasswordIsNotReadyAndSaysWhyWithinSecondsWithoutThePassword() throws Exception {
        Path output = Files.createDirectories(dir.resolve("wrong-password-stage"));
        String refusal = "Kafka at " + stack.devStack().saslSslBootstrapServers()
                + " refused LogFlow's credentials (SCRAM-SHA-512 user 'logflow'):"
                + " check kafka.security.username and kafka.security.password";
        try (StageProcess parser = stack.stageProcess("parser", Map.of("KAFKA_SECURITY_PASSWORD", WRONG_PASSWORD,
                "PARSER_GROUP_ID", "wrong-password-parser"), output).start()) {
            HttpResponse<String> ready = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stack.get("http://127.0.0.1:" + parser.port() + "/ready"),
                            response -> response.body().contains("credentials"));

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains(refusal).doesNotContain(WRONG_PASSWORD);
            String log = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.readString(output.resolve("parser.out")), text -> text.contains(refusal));
            assertThat(log).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD);
        }
    }

    @Test
    void theAuditWithAWrongPasswordStopsAtOnceNamingTheProblem() throws Exception {
        Path wrongConfig = toolConfig("wrong.yaml", Files.writeString(dir.resolve("wrong-password"), WRONG_PASSWORD));
        long started = System.nanoTime();

        Run audit = run(1, wrongConfig, "audit");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(audit.stderr()).contains("logflow: Kafka at " + stack.devStack().saslSslBootstrapServers()
                + " refused LogFlow's credentials (SCRAM-SHA-512 user 'logflow')").doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void aBrokerCertificateLogFlowDoesNotTrustStopsTheDeadLetterToolAtOnceNamingTls() throws Exception {
        // no ca_file: the JDK's authorities, which never signed the test's certificate
        Path untrusting = toolConfig("untrusting.yaml", dir.resolve("kafka-password"), "");
        long started = System.nanoTime();

        Run ls = run(1, untrusting, "dlq", "ls");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(ls.stderr()).contains("logflow: Kafka at " + stack.devStack().saslSslBootstrapServers()
                + " could not be reached over TLS (", "check kafka.security.protocol, kafka.security.ca_file");
    }

    private static String ingestorUrl() {
        return "http://127.0.0.1:" + stages.get("ingestor").port();
    }

    /** A record no parser can read, written by the test through the PLAINTEXT listener, as a broken producer would. */
    private static void poisonTheRawTopic() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.devStack().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("raw_logs", "not json".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** The tools' configuration file: the SASL_SSL listener only, the password read from a file. */
    private static Path toolConfig(String name, Path passwordFile) throws Exception {
        return toolConfig(name, passwordFile, certificates.caPem().toString());
    }

    private static Path toolConfig(String name, Path passwordFile, String caFile) throws Exception {
        return Files.writeString(dir.resolve(name), """
                kafka:
                  brokers: ["BROKERS"]
                  security:
                    protocol: SASL_SSL
                    sasl_mechanism: SCRAM-SHA-512
                    username: USER
                    password_file: PASSWORD_FILE
                    ca_file: "CA_FILE"
                elasticsearch:
                  url: ELASTICSEARCH
                """.replace("BROKERS", stack.devStack().saslSslBootstrapServers()).replace("USER", USER)
                .replace("PASSWORD_FILE", passwordFile.toString()).replace("CA_FILE", caFile)
                .replace("ELASTICSEARCH", stack.devStack().elasticsearchUrl()));
    }

    private record Run(String stdout, String stderr) {}

    private static Run run(int expectedExit, String... command) {
        return run(expectedExit, toolConfig, command);
    }

    /** Runs {@code logflow COMMAND --config FILE} in this JVM. */
    private static synchronized Run run(int expectedExit, Path config, String... command) {
        String[] args = new String[command.length + 2];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--config";
        args[command.length + 1] = config.toString();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter errors = new StringWriter();
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = LogFlowCommand.commandLine().setErr(new PrintWriter(errors, true)).execute(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        Run run = new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + errors);
        stdout.println("logflow " + String.join(" ", args) + " -> " + exit + "\n" + run.stdout() + run.stderr());
        assertThat(exit).as(String.join(" ", args)).isEqualTo(expectedExit);
        return run;
    }
}
