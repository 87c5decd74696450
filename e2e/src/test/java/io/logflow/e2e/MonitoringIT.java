package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.devstack.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * LogFlow's monitoring, tested like its code: the alert rules' promtool unit tests, and a
 * real Prometheus (Debian's package) scraping the stages on the devstack — every target
 * up, every metric the rules and the dashboard use present, and the stage-down alert
 * firing when the storage writer stops.
 */
class MonitoringIT {

    private static final Path PROJECT = Path.of(System.getProperty("logflow.project.dir")).toAbsolutePath().normalize();
    private static final Path MONITORING = PROJECT.resolve("deploy/monitoring");
    private static final Pattern METRIC = Pattern.compile(
            "\\b(up|(?:ingestor|parser|storage_writer|kafka_consumer|jvm|process)_[a-z0-9_]+)\\b");

    @Test
    void theAlertRulesPassTheirPromtoolUnitTests() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool is not installed (.ci/run installs it)");
        assertThat(run(MONITORING, "promtool", "check", "config", "prometheus.yml")).contains("SUCCESS");
        assertThat(run(MONITORING, "promtool", "check", "rules", "alerts.yml")).contains("SUCCESS: 8 rules found");
        assertThat(run(MONITORING, "promtool", "test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void aRealPrometheusScrapesEveryStageFindsEveryMetricAndFiresStageDown() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "prometheus is not installed (.ci/run installs it)");
        try (TestStack stack = TestStack.start().withPipeline()) {
            var pipeline = stack.pipeline();
            Path dir = Files.createDirectories(stack.dir().resolve("prometheus"));
            Files.writeString(dir.resolve("alerts.yml"), Files.readString(MONITORING.resolve("alerts.yml"))
                    .replace("expr: up{job=\"logflow\"} == 0\n        for: 1m", "expr: up{job=\"logflow\"} == 0\n        for: 2s"));
            Files.writeString(dir.resolve("prometheus.yml"), Files.readString(MONITORING.resolve("prometheus.yml"))
                    .replace("scrape_interval: 15s", "scrape_interval: 1s")
                    .replace("evaluation_interval: 15s", "evaluation_interval: 1s")
                    .replace("127.0.0.1:8081", "127.0.0.1:" + pipeline.ingestor().port())
                    .replace("127.0.0.1:8082", "127.0.0.1:" + pipeline.parser().port())
                    .replace("127.0.0.1:8083", "127.0.0.1:" + pipeline.storageWriter().port()));
            int port = Ports.freePort();
            String prometheus = "http://127.0.0.1:" + port;
            Process process = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.out").toFile()).start();
            try {
                stack.post(stack.ingestorUrl() + "/log", "application/json",
                        "{\"timestamp\":\"2026-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"watched\"}");
                stack.post(stack.ingestorUrl() + "/log", "application/json",
                        "{\"timestamp\":\"2026-02-31T10:30:00Z\",\"level\":\"INFO\",\"message\":\"dead letter\"}");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    JsonNode targets = TestStack.readJson(stack.get(prometheus + "/api/v1/targets").body())
                            .path("data").path("activeTargets");
                    assertThat(targets).hasSize(3);
                    assertThat(targets).allSatisfy(target ->
                            assertThat(target.path("health").asText()).as(target.toString()).isEqualTo("up"));
                });

                Set<String> exported = new HashSet<>(Set.of("up"));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    for (int stagePort : List.of(pipeline.ingestor().port(), pipeline.parser().port(),
                            pipeline.storageWriter().port())) {
                        stack.get("http://127.0.0.1:" + stagePort + "/metrics").body().lines()
                                .filter(line -> !line.startsWith("#") && !line.isBlank())
                                .map(line -> line.split("[{ ]", 2)[0]).forEach(exported::add);
                    }
                    Set<String> used = new TreeSet<>();
                    used.addAll(metricNames(Files.readString(MONITORING.resolve("alerts.yml"))));
                    used.addAll(metricNames(Files.readString(MONITORING.resolve("grafana/logflow-dashboard.json"))));
                    assertThat(used).hasSizeGreaterThan(15);
                    assertThat(exported).as("metrics the rules and the dashboard use").containsAll(used);
                });

                pipeline.storageWriter().close();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    JsonNode alerts = TestStack.readJson(stack.get(prometheus + "/api/v1/alerts").body())
                            .path("data").path("alerts");
                    assertThat(alerts).anySatisfy(alert -> {
                        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("LogFlowStageDown");
                        assertThat(alert.path("labels").path("role").asText()).isEqualTo("storage-writer");
                        assertThat(alert.path("state").asText()).isEqualTo("firing");
                    });
                });
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
