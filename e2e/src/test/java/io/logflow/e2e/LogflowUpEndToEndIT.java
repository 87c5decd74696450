package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.devstack.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a user runs it: {@code ./logflow up} starts everything,
 * accepts a log that is searchable seconds later, keeps its data across restarts, and
 * leaves no process behind when stopped with SIGTERM.
 */
class LogflowUpEndToEndIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private Path dataDir;
    private Path outputDir;
    private int kafkaPort;
    private int elasticsearchPort;
    private int ingestorPort;

    @BeforeEach
    void chooseDirectoriesAndPorts() throws IOException {
        dataDir = Files.createTempDirectory("logflow-up-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        outputDir = Files.createTempDirectory("logflow-up-output-");
        try (Ports.Reservation ports = new Ports.Reservation()) {
            Ports stack = ports.aroundFree();
            kafkaPort = stack.kafka();
            elasticsearchPort = stack.elasticsearch();
            ingestorPort = ports.any();
        }
    }

    private final List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void stopWhateverIsLeftAndRemoveDirectories() throws IOException {
        // a failed assertion must not leave logflow, Kafka or Elasticsearch running
        for (Process process : started) {
            Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
        }
        for (Path dir : List.of(dataDir, outputDir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void upRunsThePipelineKeepsItsDataAndStopsEverything() throws Exception {
        Up first = Up.start(this, "first");
        String firstId = sendAndFind("first run");
        first.stopWithSigterm();

        Up second = Up.start(this, "second");
        assertThat(documentCount()).isEqualTo(1);
        String secondId = sendAndFind("second run");
        assertThat(secondId).isNotEqualTo(firstId);
        second.stopWithSigterm();
    }

    private String sendAndFind(String message) throws Exception {
        String log = "{\"timestamp\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"message\":\"" + message + "\"}";
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ingestorPort + "/log"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(log)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(200);
        String query = "/logs-*/_search?q=message:%22" + message.replace(" ", "%20") + "%22";
        // generous: on a loaded 2-core machine the first consumer-group joins of a fresh stack take a while
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            var hits = TestStack.readJson(elasticsearch(query)).path("hits").path("hits");
            return hits.isEmpty() ? null : hits.get(0).get("_id").textValue();
        }, id -> id != null);
    }

    private long documentCount() throws Exception {
        elasticsearch("/logs-*/_refresh");
        return TestStack.readJson(elasticsearch("/logs-*/_count")).get("count").longValue();
    }

    private String elasticsearch(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + elasticsearchPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** One run of ./logflow up, its output in files. */
    private record Up(Process process, Path progress) {

        static Up start(LogflowUpEndToEndIT test, String name) throws IOException {
            Path script = Path.of(System.getProperty("logflow.project.dir"), "logflow").toAbsolutePath().normalize();
            Path progress = test.outputDir.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "up", "--data-dir", test.dataDir.toString())
                    .redirectError(progress.toFile())
                    .redirectOutput(test.outputDir.resolve(name + ".out").toFile());
            builder.environment().put("KAFKA_BROKERS", "127.0.0.1:" + test.kafkaPort);
            builder.environment().put("ELASTICSEARCH_URL", "http://127.0.0.1:" + test.elasticsearchPort);
            builder.environment().put("INGESTOR_HTTP_PORT", Integer.toString(test.ingestorPort));
            builder.environment().put("PARSER_HTTP_PORT", "0");
            builder.environment().put("STORAGE_WRITER_HTTP_PORT", "0");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Up up = new Up(builder.start(), progress);
            test.started.add(up.process());
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(up.process.isAlive()).as("logflow up exited early:\n%s", up.output()).isTrue();
                return up.output().contains("LogFlow is up.");
            });
            assertThat(up.output()).contains("Kafka ready on 127.0.0.1:" + test.kafkaPort,
                    "Elasticsearch 9 ready on http://127.0.0.1:" + test.elasticsearchPort,
                    "ingestor        http://127.0.0.1:" + test.ingestorPort + "/log");
            return up;
        }

        void stopWithSigterm() throws Exception {
            List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
            assertThat(tree).as("logflow, Kafka, Elasticsearch's launcher and server").hasSizeGreaterThanOrEqualTo(4);
            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("logflow stopped within 90 s").isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(tree).noneMatch(ProcessHandle::isAlive));
            assertThat(output()).contains("stopping the stages", "stopped");
        }

        String output() throws IOException {
            return Files.readString(progress);
        }
    }
}
