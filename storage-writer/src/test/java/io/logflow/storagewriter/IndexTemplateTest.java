package io.logflow.storagewriter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.IndexMode;
import io.logflow.core.log.LogStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexTemplateTest {

    /** SPEC.md's mapping: every field keeps its type, whatever is indexed. */
    private static final Map<String, String> SPEC_TYPES = Map.ofEntries(Map.entry("id", "keyword"),
            Map.entry("timestamp", "date"), Map.entry("timestamp_ms", "long"), Map.entry("level", "keyword"),
            Map.entry("service", "keyword"), Map.entry("message", "text"), Map.entry("message_hash", "keyword"),
            Map.entry("metadata", "object"), Map.entry("processed_at", "date"), Map.entry("processor_version", "keyword"),
            Map.entry("indexed_at", "date"), Map.entry("index_name", "keyword"), Map.entry("storage_version", "keyword"));
    /** Filtered on: the audit (a prefix of id), the console (time, level, service, message, indexed_at, correlation id), README. */
    private static final List<String> SEARCHED = List.of("id", "timestamp", "level", "service", "message", "indexed_at",
            "correlation_id", "ingest_key");
    /** Sorted or aggregated on: the audit and the console (id, time, level, service, indexed_at), timestamp_ms by users. */
    private static final List<String> SORTED = List.of("id", "timestamp", "timestamp_ms", "level", "service", "indexed_at");

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

    @Test
    void everySpecFieldKeepsItsTypeAndWhatReadersFilterSortOrAggregateOnStaysSo() throws Exception {
        JsonNode properties = Json.mapper().readTree(IndexTemplate.body(new LogStorage(IndexMode.DAILY, "logs")))
                .path("template").path("mappings").path("properties");

        SPEC_TYPES.forEach((field, type) -> assertThat(properties.path(field).path("type").textValue()).as(field)
                .isEqualTo(type));
        SEARCHED.forEach(field -> assertThat(properties.path(field).path("index").asBoolean(true)).as(field).isTrue());
        SORTED.forEach(field -> assertThat(properties.path(field).path("doc_values").asBoolean(true)).as(field).isTrue());
        assertThat(properties.path("metadata").path("enabled").asBoolean(true)).as("metadata searchable").isTrue();
    }

    @Test
    void whatNobodySearchesIsKeptInSourceOnly() throws Exception {
        JsonNode properties = Json.mapper().readTree(IndexTemplate.body(new LogStorage(IndexMode.DAILY, "logs")))
                .path("template").path("mappings").path("properties");

        for (String field : List.of("message_hash", "processed_at", "processor_version", "index_name", "storage_version")) {
            assertThat(properties.path(field).path("index").asBoolean(true)).as(field).isFalse();
            assertThat(properties.path(field).path("doc_values").asBoolean(true)).as(field).isFalse();
        }
        assertThat(properties.path("message").path("norms").asBoolean(true)).as("no length norms: sorted by time").isFalse();
    }
}
