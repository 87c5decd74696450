package io.logflow.storagewriter;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.elasticsearch.ElasticsearchRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention of a data stream: LogFlow rolls it over once its write index is a day old,
 * and deletes a backing index once its newest log ({@code @timestamp}) is older than the
 * retention. The write index is never deleted, whatever its age.
 */
final class DataStreamRetention extends IndexRetention {

    private static final byte[] NEWEST_PER_INDEX = ("{\"size\":0,\"aggs\":{\"backing\":{\"terms\":{\"field\":\"_index\","
            + "\"size\":10000},\"aggs\":{\"newest\":{\"max\":{\"field\":\"@timestamp\"}}}}}}")
            .getBytes(StandardCharsets.UTF_8);

    private final String dataStream;

    DataStreamRetention(ElasticsearchConnection elasticsearch, String dataStream) {
        super(elasticsearch);
        this.dataStream = dataStream;
    }

    /** A new write index once the current one is a day old (the store checks the age). */
    @Override
    public void rollOver() throws IOException, InterruptedException {
        if (!backingIndices().isEmpty()) {
            elasticsearch.send("POST", "/" + dataStream + "/_rollover", Map.of(),
                    "{\"conditions\":{\"max_age\":\"1d\"}}".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public List<String> expired(LocalDate today, int keepDays) throws IOException, InterruptedException {
        List<String> backing = backingIndices();
        if (backing.size() < 2) {
            return List.of();
        }
        Map<String, Instant> newest = newestLogPerIndex();
        Instant oldestKept = today.minusDays(keepDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> expired = new ArrayList<>();
        for (String index : backing.subList(0, backing.size() - 1)) { // the last is the write index
            Instant newestLog = newest.get(index);
            if (newestLog == null || newestLog.isBefore(oldestKept)) {
                expired.add(index);
            }
        }
        return expired;
    }

    /**
     * Oldest first, the write index last: by the generation that ends every backing index's
     * name ({@code .ds-logs-2026.11.28-000002} in Elasticsearch, {@code .ds-logs-000002} in OpenSearch).
     */
    private List<String> backingIndices() throws IOException, InterruptedException {
        JsonNode resolved;
        try {
            resolved = elasticsearch.json("GET", "/_resolve/index/" + dataStream);
        } catch (ElasticsearchRequestException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
        List<String> backing = new ArrayList<>();
        for (JsonNode stream : resolved.path("data_streams")) {
            if (dataStream.equals(stream.path("name").asText())) {
                stream.path("backing_indices").forEach(index -> backing.add(index.asText()));
            }
        }
        backing.sort(Comparator.comparingLong(DataStreamRetention::generation));
        return backing;
    }

    static long generation(String backingIndex) {
        try {
            return Long.parseLong(backingIndex.substring(backingIndex.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Map<String, Instant> newestLogPerIndex() throws IOException, InterruptedException {
        JsonNode buckets = elasticsearch.json("POST", "/" + dataStream + "/_search", Map.of(), NEWEST_PER_INDEX)
                .path("aggregations").path("backing").path("buckets");
        Map<String, Instant> newest = new HashMap<>();
        for (JsonNode bucket : buckets) {
            JsonNode value = bucket.path("newest").path("value");
            if (value.isNumber()) {
                newest.put(bucket.path("key").asText(), Instant.ofEpochMilli(value.asLong()));
            }
        }
        return newest;
    }
}
