package io.logflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.devstack.ElasticsearchNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long each stored log took from being sent to being indexed: its {@code timestamp}
 * (a {@link LogSender} stamps the time it sends a log) against the writer's
 * {@code indexed_at}, read back from Elasticsearch.
 */
final class IndexedLatency {

    private static final int PAGE = 5_000;

    /** One stored log: when it was sent and when it was indexed, epoch milliseconds. */
    record Stored(long sentMillis, long indexedMillis) {
        long latencyMillis() {
            return indexedMillis - sentMillis;
        }
    }

    private final List<Stored> logs;

    private IndexedLatency(List<Stored> logs) {
        this.logs = logs;
    }

    /** Every log of the {@code logs-*} indices, as one node of the cluster sees them. */
    static IndexedLatency read(ElasticsearchNode node) {
        send(node, "POST", "/logs-*/_refresh", null);
        List<Stored> logs = new ArrayList<>();
        String after = "";
        while (true) {
            String query = "{\"size\":" + PAGE + ",\"_source\":[\"timestamp_ms\",\"indexed_at\"],"
                    + "\"sort\":[{\"timestamp_ms\":\"asc\"},{\"id\":\"asc\"}]" + after + "}";
            JsonNode hits = TestStack.readJson(send(node, "POST", "/logs-*/_search", query)).path("hits").path("hits");
            for (JsonNode hit : hits) {
                logs.add(new Stored(hit.path("_source").path("timestamp_ms").asLong(),
                        Instant.parse(hit.path("_source").path("indexed_at").asText()).toEpochMilli()));
            }
            if (hits.size() < PAGE) {
                return new IndexedLatency(logs);
            }
            after = ",\"search_after\":" + hits.get(hits.size() - 1).path("sort");
        }
    }

    /** The longest sent-to-indexed time of the logs sent between the two times (epoch milliseconds). */
    long longestMillis(long fromMillis, long toMillis) {
        return logs.stream().filter(log -> log.sentMillis() >= fromMillis && log.sentMillis() <= toMillis)
                .mapToLong(Stored::latencyMillis).max().orElse(0);
    }

    /** Logs indexed between the two times (epoch milliseconds), per second. */
    double indexedPerSecond(long fromMillis, long toMillis) {
        long indexed = logs.stream().filter(log -> log.indexedMillis() >= fromMillis && log.indexedMillis() < toMillis)
                .count();
        return indexed * 1000.0 / (toMillis - fromMillis);
    }

    int size() {
        return logs.size();
    }

    private static String send(ElasticsearchNode node, String method, String path, String json) {
        try {
            var request = node.request(path).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> response = node.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
