package io.logflow.storagewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkAnswerTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachItemsStatusAndErrorInTheOrderOfTheActions() throws IOException {
        // as Elasticsearch 9 answers with filter_path=items.*.status,items.*.error.type,items.*.error.reason
        byte[] answer = bytes("""
                {"items":[{"create":{"status":201}},\
                {"create":{"status":409,"error":{"type":"version_conflict_engine_exception",\
                "reason":"[a1]: version conflict, document already exists (current version [1])"}}},\
                {"create":{"status":400,"error":{"type":"document_parsing_exception",\
                "reason":"[1:40] failed to parse field [level] of type [keyword]"}}}]}""");

        assertThat(BulkAnswer.items(answer)).containsExactly(
                new BulkAnswer.Item(201, null, null),
                new BulkAnswer.Item(409, "version_conflict_engine_exception",
                        "[a1]: version conflict, document already exists (current version [1])"),
                new BulkAnswer.Item(400, "document_parsing_exception",
                        "[1:40] failed to parse field [level] of type [keyword]"));
    }

    @Test
    void fieldsItDoesNotNeedAreSkippedWhereverTheyAre() throws IOException {
        byte[] answer = bytes("""
                {"took":3,"errors":true,"items":[{"index":{"_index":"logs-2026.11.28","_id":"a",\
                "_shards":{"total":1},"status":429,"error":{"type":"es_rejected_execution_exception",\
                "caused_by":{"type":"x","reason":"y"},"reason":"rejected"}}}],"ingest_took":0}""");

        assertThat(BulkAnswer.items(answer))
                .containsExactly(new BulkAnswer.Item(429, "es_rejected_execution_exception", "rejected"));
    }

    @Test
    void anAnswerOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> BulkAnswer.items(bytes("[{\"create\":{\"status\":201}}]")))
                .isInstanceOf(IOException.class).hasMessageContaining("START_OBJECT");
        assertThatThrownBy(() -> BulkAnswer.items(bytes("{\"items\":[{\"create\":{\"status\":201}")))
                .isInstanceOf(IOException.class);
    }
}
