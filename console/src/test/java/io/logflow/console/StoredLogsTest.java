package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredLogsTest {

    @Test
    void theReasonOfARefusedSearchIsElasticsearchsRootCause() {
        String body = "{\"error\":{\"root_cause\":[{\"type\":\"query_shard_exception\",\"reason\":\"Failed to parse query"
                + " [message:(]\"}],\"type\":\"search_phase_execution_exception\",\"reason\":\"all shards failed\","
                + "\"caused_by\":{\"type\":\"parse_exception\",\"caused_by\":{\"reason\":\"Encountered \\\"<EOF>\\\"\"}}},"
                + "\"status\":400}";
        assertThat(StoredLogs.reason(body)).isEqualTo("Failed to parse query [message:(]: Encountered \"<EOF>\"");
    }

    @Test
    void aBodyThatIsNotElasticsearchsErrorIsGivenWhole() {
        assertThat(StoredLogs.reason("gateway says no")).isEqualTo("gateway says no");
    }

    @Test
    void aSearchWhoseShardsAllFailedOnTheQueryIsABadRequest() throws Exception {
        var answer = io.logflow.core.json.Json.mapper().readTree("{\"_shards\":{\"total\":2,\"failed\":2,\"failures\":"
                + "[{\"reason\":{\"type\":\"query_shard_exception\",\"reason\":\"Failed to parse query [message:(]\","
                + "\"caused_by\":{\"reason\":\"Cannot parse\"}}}]},\"hits\":{\"hits\":[]}}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoredLogs.refusedByShards(answer))
                .isInstanceOf(BadRequest.class).hasMessage("Elasticsearch cannot run this search: Failed to parse query"
                        + " [message:(]: Cannot parse");
    }

    @Test
    void aSearchWithoutShardFailuresIsTheAnswer() throws Exception {
        var answer = io.logflow.core.json.Json.mapper().readTree("{\"_shards\":{\"failed\":0},\"hits\":{}}");
        assertThat(StoredLogs.refusedByShards(answer)).isSameAs(answer);
    }
}
