package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedLogJsonTest {

    private static ParsedLog log(String correlationId) {
        return log(correlationId, null);
    }

    private static ParsedLog log(String correlationId, String ingestKey) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("host", "web-1");
        metadata.put("quote\"and\\slash", "line\nbreak é ✓");
        return new ParsedLog("raw-0-42", "2024-01-15T10:30:00Z", 1_705_314_600_000L, "WARN", "api",
                "disk \"almost\" full", MessageHash.of("disk \"almost\" full"), metadata,
                "2024-01-15T10:30:01.250Z", "1.0.0", correlationId, ingestKey);
    }

    @Test
    void writesWhatDataBindingWouldWrite() throws Exception {
        for (ParsedLog log : List.of(log("corr-1"), log(null), log("corr-2", "shipper-1"))) {
            assertThat(Json.mapper().readTree(ParsedLogJson.write(log)))
                    .isEqualTo(Json.mapper().readTree(Json.mapper().writeValueAsBytes(log)));
        }
    }

    @Test
    void startsWithWhatTheStorageWriterReads() {
        String json = new String(ParsedLogJson.write(log(null)), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"id\":\"raw-0-42\",\"timestamp\":\"2024-01-15T10:30:00Z\",\"timestamp_ms\":1705314600000,")
                .doesNotContain("correlation_id").doesNotContain("ingest_key");
    }
}
