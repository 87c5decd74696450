package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.cli.LogFlowCommand;
import io.logflow.core.config.ConfigLoader;
import io.logflow.storagewriter.StorageWriterStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Daily indices older than the retention go, by the writers (two at once) and by {@code logflow indices prune}. */
class RetentionIT {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    @Test
    void indicesOlderThanTheRetentionAreDeletedAndNothingElse() throws Exception {
        try (TestStack stack = TestStack.start()) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<String> kept = List.of(index(today), index(today.minusDays(1)), index(today.minusDays(3)), "logs-not-a-day");
            List<String> tooOld = List.of(index(today.minusDays(4)), index(today.minusDays(30)), "logs-2020.01.01");
            for (String index : concat(kept, tooOld)) {
                assertThat(stack.send("PUT", stack.devStack().elasticsearchUrl() + "/" + index).statusCode()).isEqualTo(200);
            }

            Map<String, String> retention = new HashMap<>(Map.of(
                    "KAFKA_BROKERS", stack.devStack().bootstrapServers(),
                    "ELASTICSEARCH_URL", stack.devStack().elasticsearchUrl(),
                    "STORAGE_WRITER_HTTP_PORT", "0",
                    "STORAGE_WRITER_RETENTION_DAYS", "3"));
            try (StorageWriterStage first = StorageWriterStage.start(ConfigLoader.defaultsWith(retention));
                 StorageWriterStage second = StorageWriterStage.start(ConfigLoader.defaultsWith(retention))) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(indices(stack)).containsExactlyInAnyOrderElementsOf(kept));
            }

            Path config = stack.dir().resolve("prune.yaml");
            Files.writeString(config, "elasticsearch:\n  url: " + stack.devStack().elasticsearchUrl() + "\n");
            assertThat(LogFlowCommand.commandLine().execute("indices", "prune", "--older-than", "1d", "--dry-run",
                    "--config", config.toString())).isZero();
            assertThat(indices(stack)).containsExactlyInAnyOrderElementsOf(kept);
            assertThat(LogFlowCommand.commandLine().execute("indices", "prune", "--older-than", "1d",
                    "--config", config.toString())).isZero();
            assertThat(indices(stack)).containsExactlyInAnyOrder(index(today), index(today.minusDays(1)), "logs-not-a-day");
            assertThat(LogFlowCommand.commandLine().execute("indices", "prune", "--older-than", "soon",
                    "--config", config.toString())).isNotZero();
        }
    }

    private static String index(LocalDate day) {
        return "logs-" + DAY.format(day);
    }

    private static List<String> indices(TestStack stack) {
        return stack.get(stack.devStack().elasticsearchUrl() + "/_cat/indices/logs-*?h=index").body().lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
