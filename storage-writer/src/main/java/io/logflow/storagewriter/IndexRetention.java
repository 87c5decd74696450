package io.logflow.storagewriter;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the daily indices of a prefix whose day is older than a number of days. Safe
 * when several writers do it at once: deleting an index another writer just deleted is
 * not an error. Indices of the prefix whose name is not a day are never touched.
 */
public final class IndexRetention {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String indexPrefix;

    public IndexRetention(String url, String indexPrefix) {
        this.url = url;
        this.indexPrefix = indexPrefix;
    }

    /** The daily indices older than {@code keepDays} days before {@code today}, oldest first. */
    public List<String> expired(LocalDate today, int keepDays) throws IOException, InterruptedException {
        LocalDate oldestKept = today.minusDays(keepDays);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(
                url + "/_cat/indices/" + indexPrefix + "-*?format=json&h=index&expand_wildcards=open,closed")).GET());
        List<String> expired = new ArrayList<>();
        for (JsonNode index : Json.mapper().readTree(response.body())) {
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

    public void delete(String index) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url + "/" + index))
                .DELETE().timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IOException("deleting " + index + ": Elasticsearch answered " + response.statusCode() + " "
                    + new String(response.body()));
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IOException("Elasticsearch answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response;
    }
}
