package io.logflow.ingestor.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkAnswerTest {

    private static final BulkRequest.Action INDEX = new BulkRequest.Action("index", "app", "a1", new byte[0]);
    private static final BulkRequest.Action CREATE = new BulkRequest.Action("create", null, null, new byte[0]);

    @Test
    void anAllStoredAnswerIsCompactAndSaysErrorsFalse() {
        String answer = new String(BulkAnswer.encode(List.of(BulkAnswer.Item.created(INDEX, "a1", 42)), 3, "logs"),
                StandardCharsets.UTF_8);
        assertThat(answer).startsWith("{\"took\":3,\"errors\":false,\"items\":[{\"index\":{\"_index\":\"app\",\"_id\":\"a1\"")
                .contains("\"result\":\"created\"", "\"_seq_no\":42", "\"status\":201").doesNotContain(" ", "\n");
    }

    @Test
    void failedItemsCarryTypeReasonAndStatusInTheirPlace() throws Exception {
        JsonNode answer = Json.mapper().readTree(BulkAnswer.encode(List.of(
                BulkAnswer.Item.created(CREATE, "0-1", 1),
                BulkAnswer.Item.failed(INDEX, 400, "document_parsing_exception", "no message"),
                BulkAnswer.Item.failed(CREATE, 429, "es_rejected_execution_exception", "Kafka")), 0, "logs"));
        assertThat(answer.get("errors").booleanValue()).isTrue();
        JsonNode items = answer.get("items");
        assertThat(items.get(0).get("create").get("_index").textValue()).isEqualTo("logs");
        assertThat(items.get(1).get("index").get("status").intValue()).isEqualTo(400);
        assertThat(items.get(1).get("index").get("error").get("type").textValue()).isEqualTo("document_parsing_exception");
        assertThat(items.get(1).get("index").get("error").get("reason").textValue()).isEqualTo("no message");
        assertThat(items.get(1).get("index").has("result")).isFalse();
        assertThat(items.get(2).get("create").get("status").intValue()).isEqualTo(429);
    }
}
