package io.logflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/** Lists the ids of the logs stored in Elasticsearch whose ids start with a prefix, in pages. */
final class StoredLogIds {

    private static final int PAGE = 10_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    StoredLogIds(String url) {
        this.url = url;
    }

    /** @return how many documents were listed */
    long forEach(String indexPrefix, String idPrefix, Consumer<String> each) throws IOException, InterruptedException {
        String indices = url + "/" + indexPrefix + "-*";
        send(HttpRequest.newBuilder(URI.create(indices + "/_refresh?ignore_unavailable=true&allow_no_indices=true"))
                .POST(HttpRequest.BodyPublishers.noBody()));
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
            JsonNode response = send(HttpRequest.newBuilder(
                            URI.create(indices + "/_search?ignore_unavailable=true&allow_no_indices=true"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(query))));
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

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IOException("Elasticsearch answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return Json.mapper().readTree(response.body());
    }
}
