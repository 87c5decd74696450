package io.logflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.elasticsearch.ElasticsearchRequestException;
import io.logflow.core.json.Json;
import io.logflow.core.log.LogStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The stored logs, as the console searches them in Elasticsearch. Elasticsearch refusing a
 * search (a query string it cannot parse) is the console's {@link BadRequest}, with
 * Elasticsearch's own reason.
 */
final class StoredLogs {

    private static final java.util.Set<String> QUERY_MISTAKES = java.util.Set.of("query_shard_exception",
            "parse_exception", "search_parse_exception", "illegal_argument_exception");
    private static final Map<String, String> LENIENT = Map.of("ignore_unavailable", "true", "allow_no_indices", "true");

    private final ElasticsearchConnection elasticsearch;
    private final LogStorage storage;

    StoredLogs(ElasticsearchConnection elasticsearch, LogStorage storage) {
        this.elasticsearch = elasticsearch;
        this.storage = storage;
    }

    String indexPattern() {
        return storage.searchTarget();
    }

    /** A page of logs with counts and histogram, shaped for the page ({@link SearchAnswer}). */
    ObjectNode search(LogQuery query) throws InterruptedException {
        return SearchAnswer.of(query, ask(SearchBody.search(query)));
    }

    JsonNode ask(ObjectNode body) throws InterruptedException {
        try {
            return refusedByShards(elasticsearch.json("POST", "/" + indexPattern() + "/_search", LENIENT,
                    Json.mapper().writeValueAsBytes(body)));
        } catch (ElasticsearchRequestException e) {
            if (e.status() == 400) {
                throw new BadRequest("q", "Elasticsearch cannot run this search: " + reason(e.body()));
            }
            throw new StoreUnavailable(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A query string Elasticsearch cannot parse may come back as a 200 whose shards all
     * failed, rather than a 400: that is the caller's mistake too.
     */
    static JsonNode refusedByShards(JsonNode answer) {
        JsonNode failure = answer.path("_shards").path("failures").path(0).path("reason");
        if (!failure.isMissingNode() && QUERY_MISTAKES.contains(failure.path("type").asText())) {
            String cause = failure.path("caused_by").path("reason").asText("");
            throw new BadRequest("q", "Elasticsearch cannot run this search: " + failure.path("reason").asText()
                    + (cause.isEmpty() ? "" : ": " + cause));
        }
        return answer;
    }

    /** Every stored log of one correlation id, oldest first (at most {@code size}). */
    List<JsonNode> byCorrelationId(String correlationId, int size) throws InterruptedException {
        return SearchAnswer.hits(ask(SearchBody.byCorrelationId(correlationId, size)));
    }

    /** What Elasticsearch said was wrong with a search: the first root cause's reason. */
    static String reason(String body) {
        try {
            JsonNode error = Json.mapper().readTree(body).path("error");
            JsonNode cause = error.path("root_cause").path(0);
            String reason = cause.path("reason").asText(error.path("reason").asText(""));
            String detail = error.path("caused_by").path("caused_by").path("reason").asText("");
            return reason.isEmpty() ? body : detail.isEmpty() ? reason : reason + ": " + detail;
        } catch (IOException e) {
            return body;
        }
    }

    /** Elasticsearch did not answer, or failed: the console answers 503 naming it. */
    static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable(ElasticsearchRequestException cause) {
            super(cause.getMessage(), cause);
        }
    }

}
