package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console judges the pipeline by the rules the project ships: this fails when they part ways. */
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "deploy", "monitoring", "alerts.yml");

    private static Map<String, JsonNode> shippedRules() throws Exception {
        Map<String, JsonNode> rules = new HashMap<>();
        new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile()).path("groups").forEach(group ->
                group.path("rules").forEach(rule -> rules.put(rule.path("alert").asText(), rule)));
        return rules;
    }

    @Test
    void everyShippedRuleIsJudgedOrSaidNotToBe() throws Exception {
        Set<String> known = new HashSet<>(AlertRules.NOT_JUDGED);
        AlertRules.JUDGED.forEach(alert -> known.add(alert.name()));
        assertThat(known).isEqualTo(shippedRules().keySet());
    }

    @Test
    void eachJudgedRuleHasTheShippedMetricsThresholdWindowAndHold() throws Exception {
        Map<String, JsonNode> shipped = shippedRules();
        for (AlertRules.Alert alert : AlertRules.JUDGED) {
            JsonNode rule = shipped.get(alert.name());
            String expr = rule.path("expr").asText();
            alert.metrics().forEach(metric -> assertThat(expr).as(alert.name()).containsPattern("\\b" + metric + "\\b"));
            String threshold = BigDecimal.valueOf(alert.threshold()).stripTrailingZeros().toPlainString();
            assertThat(expr).as(alert.name() + " threshold")
                    .containsPattern("(==|>=?|<=?)\\s*" + Pattern.quote(threshold) + "(?![0-9.])");
            if (!alert.window().isZero()) {
                assertThat(expr).as(alert.name() + " window").contains("[" + promDuration(alert.window()) + "]");
            }
            assertThat(rule.path("for").asText("0m")).as(alert.name() + " for").isEqualTo(promDuration(alert.holdFor()));
        }
    }

    @Test
    void thePageFetchesTheRulesFromTheConsole() throws Exception {
        try (ConsoleServer console = ConsoleServer.start(ConfigLoader.defaultsWith(Map.of("CONSOLE_HTTP_PORT", "0",
                "ELASTICSEARCH_URL", "http://127.0.0.1:1", "KAFKA_BROKERS", "127.0.0.1:1")))) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(console.url() + "api/alert-rules")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode lag = Json.mapper().readTree(answer.body()).get(2);
            assertThat(lag.path("name").asText()).isEqualTo("LogFlowConsumerLagGrowing");
            assertThat(lag.path("threshold").asDouble()).isEqualTo(10_000);
            assertThat(lag.path("window_seconds").asLong()).isEqualTo(300);
            assertThat(lag.path("for_seconds").asLong()).isEqualTo(600);
        }
    }

    private static String promDuration(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
    }
}
