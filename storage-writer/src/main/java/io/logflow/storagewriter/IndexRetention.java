package io.logflow.storagewriter;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.elasticsearch.ElasticsearchRequestException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes the daily indices of a prefix whose day is older than a number of days. Safe
 * when several writers do it at once: deleting an index another writer just deleted is
 * not an error. Indices of the prefix whose name is not a day are never touched.
 */
public final class IndexRetention {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final ElasticsearchConnection elasticsearch;
    private final String indexPrefix;

    public IndexRetention(ElasticsearchConnection elasticsearch, String indexPrefix) {
        this.elasticsearch = elasticsearch;
        this.indexPrefix = indexPrefix;
    }

    /** The daily indices older than {@code keepDays} days before {@code today}, oldest first. */
    public List<String> expired(LocalDate today, int keepDays) throws IOException, InterruptedException {
        LocalDate oldestKept = today.minusDays(keepDays);
        JsonNode indices = elasticsearch.json("GET", "/_cat/indices/" + indexPrefix + "-*",
                Map.of("format", "json", "h", "index", "expand_wildcards", "open,closed"), null);
        List<String> expired = new ArrayList<>();
        for (JsonNode index : indices) {
            String name = index.path("index").asText();
            try {
                if (LocalDate.parse(name.substring(indexPrefix.length() + 1), DAY).isBefore(oldestKept)) {
                    expired.add(name);
                }
            } catch (DateTimeParseException | StringIndexOutOfBoundsException notADailyIndex) {
                // leave it alone
            }
        }
        expired.sort(null);
        return expired;
    }

    /** Deletes an index; one that is already gone is not an error. */
    public void delete(String index) throws IOException, InterruptedException {
        try {
            elasticsearch.send("DELETE", "/" + index);
        } catch (ElasticsearchRequestException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }
}
