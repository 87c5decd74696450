package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.config.ConfigLoader;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogStorageTest {

    private static final Instant TIME = Instant.parse("2026-11-28T23:59:59Z");

    @Test
    void dailyIndicesAreTheDefaultAndSearchedByTheirPattern() {
        LogStorage storage = LogStorage.of(ConfigLoader.defaultsWith(Map.of()).storageWriter());

        assertThat(storage.mode()).isEqualTo(IndexMode.DAILY);
        assertThat(storage.writeTarget(TIME)).isEqualTo("logs-2026.11.28");
        assertThat(storage.searchTarget()).isEqualTo("logs-*");
        assertThat(storage.templateName()).isEqualTo("logflow-logs");
    }

    @Test
    void aDataStreamIsNamedAfterThePrefixSoNoLogsStarStarTemplateMatchesIt() {
        LogStorage storage = LogStorage.of(ConfigLoader.defaultsWith(
                Map.of("STORAGE_WRITER_INDEX_MODE", "data_stream")).storageWriter());

        assertThat(storage.dataStream()).isTrue();
        assertThat(storage.writeTarget(TIME)).isEqualTo("logs");
        assertThat(storage.searchTarget()).isEqualTo("logs").doesNotMatch("logs-.*-.*");
        assertThat(storage.templateName()).isEqualTo("logflow-logs-data-stream");
        assertThat(storage.describe()).isEqualTo("data stream logs");
    }
}
