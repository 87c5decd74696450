package io.logflow.storagewriter;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Retention of daily indices: by the day in their names. Indices of the prefix whose name is not a day are never touched. */
final class DailyIndexRetention extends IndexRetention {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final String indexPrefix;

    DailyIndexRetention(ElasticsearchConnection elasticsearch, String indexPrefix) {
        super(elasticsearch);
        this.indexPrefix = indexPrefix;
    }

    @Override
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
}
