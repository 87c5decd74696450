package io.logflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/** Lists the ids of the logs stored in Elasticsearch whose ids start with a prefix, in pages. */
final class StoredLogIds {

    private static final int PAGE = 10_000;
    private static final Map<String, String> EXISTING_INDICES =
            Map.of("ignore_unavailable", "true", "allow_no_indices", "true");

    private final ElasticsearchConnection elasticsearch;

    StoredLogIds(ElasticsearchConnection elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    /**
     * @param searchTarget where the stored logs are ({@link io.logflow.core.log.LogStorage#searchTarget()})
     * @return how many documents were listed
     */
    long forEach(String searchTarget, String idPrefix, Consumer<String> each) throws IOException, InterruptedException {
        String indices = "/" + searchTarget;
        elasticsearch.send("POST", indices + "/_refresh", EXISTING_INDICES, null);
        long listed = 0;
        JsonNode searchAfter = null;
        while (true) {
            ObjectNode query = Json.mapper().createObjectNode();
            query.put("size", PAGE);
            query.putArray("_source").add("id");
            query.putArray("sort").addObject().put("id", "asc");
            query.putObject("query").putObject("prefix").put("id", idPrefix);
            if (searchAfter != null) {
                query.set("search_after", searchAfter);
            }
            JsonNode response = elasticsearch.json("POST", indices + "/_search", EXISTING_INDICES,
                    Json.mapper().writeValueAsBytes(query));
            ArrayNode hits = (ArrayNode) response.path("hits").path("hits");
            for (JsonNode hit : hits) {
                each.accept(hit.path("_source").path("id").asText(hit.path("_id").asText()));
            }
            listed += hits.size();
            if (hits.size() < PAGE) {
                return listed;
            }
            searchAfter = hits.get(hits.size() - 1).get("sort");
        }
    }
}
