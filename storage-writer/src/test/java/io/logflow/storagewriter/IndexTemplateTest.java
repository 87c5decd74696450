package io.logflow.storagewriter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.IndexMode;
import io.logflow.core.log.LogStorage;
import org.junit.jupiter.api.Test;

class IndexTemplateTest {

    @Test
    void theDailyTemplateMatchesThePrefixsDaysAndIsNoDataStream() throws Exception {
        JsonNode template = Json.mapper().readTree(IndexTemplate.body(new LogStorage(IndexMode.DAILY, "logs")));

        assertThat(template.get("index_patterns").get(0).textValue()).isEqualTo("logs-*");
        assertThat(template.has("data_stream")).isFalse();
        assertThat(template.path("template").path("mappings").path("properties").get("id").get("type").textValue())
                .isEqualTo("keyword");
    }

    @Test
    void theDataStreamTemplateMatchesTheStreamOnlyAndOutranksElasticsearchsBuiltInLogsTemplate() throws Exception {
        JsonNode template = Json.mapper().readTree(IndexTemplate.body(new LogStorage(IndexMode.DATA_STREAM, "logs")));

        assertThat(template.get("index_patterns")).hasSize(1);
        assertThat(template.get("index_patterns").get(0).textValue()).isEqualTo("logs");
        assertThat(template.get("data_stream").isObject()).isTrue();
        assertThat(template.get("priority").intValue()).isGreaterThan(100);
        JsonNode properties = template.path("template").path("mappings").path("properties");
        assertThat(properties.get("@timestamp").get("type").textValue()).isEqualTo("date");
        assertThat(properties.get("message").get("type").textValue()).isEqualTo("text");
        assertThat(template.path("template").has("settings")).as("no index.mode, no synthetic source").isFalse();
    }
}
