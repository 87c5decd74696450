package io.logflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Elasticsearch's search answer reshaped for the page: hits, level and service counts, histogram. */
final class SearchAnswer {

    private SearchAnswer() {}

    static ObjectNode of(LogQuery query, JsonNode answer) {
        ObjectNode shaped = Json.mapper().createObjectNode();
        shaped.put("total", answer.path("hits").path("total").path("value").asLong());
        shaped.put("page", query.page());
        shaped.put("size", query.size());
        shaped.put("from", query.from().toString());
        shaped.put("to", query.to().toString());
        ArrayNode hits = shaped.putArray("hits");
        hits(answer).forEach(hits::add);
        JsonNode aggregations = answer.path("aggregations");
        shaped.set("levels", counts(aggregations.path("levels").path("values")));
        shaped.set("services", counts(aggregations.path("services").path("values")));
        shaped.put("interval_ms", SearchBody.interval(query).toMillis());
        ArrayNode buckets = shaped.putArray("histogram");
        for (JsonNode bucket : aggregations.path("histogram").path("over_time").path("buckets")) {
            ObjectNode each = buckets.addObject();
            each.put("start", bucket.path("key").asLong());
            each.set("levels", counts(bucket.path("levels")));
        }
        return shaped;
    }

    /** Each hit as {index, id, document}. */
    static List<JsonNode> hits(JsonNode answer) {
        List<JsonNode> hits = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            ObjectNode each = Json.mapper().createObjectNode();
            each.put("index", hit.path("_index").asText());
            each.put("id", hit.path("_id").asText());
            each.set("sort", hit.path("sort"));
            each.set("document", hit.path("_source"));
            hits.add(each);
        }
        return hits;
    }

    private static ObjectNode counts(JsonNode terms) {
        ObjectNode counts = Json.mapper().createObjectNode();
        for (JsonNode bucket : terms.path("buckets")) {
            counts.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        return counts;
    }
}
