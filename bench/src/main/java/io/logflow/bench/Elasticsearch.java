package io.logflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few Elasticsearch calls the benchmark makes, over plain HTTP. */
final class Elasticsearch {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    Elasticsearch(String url) {
        this.url = url;
    }

    URI uri() {
        return URI.create(url);
    }

    JsonNode send(String method, String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " -> " + response.statusCode() + ": " + new String(response.body()));
        }
        return Json.mapper().readTree(response.body());
    }

    /** Documents currently searchable in the indices of a pattern. */
    long count(String indexPattern) throws IOException, InterruptedException {
        return send("GET", "/" + indexPattern + "/_count?ignore_unavailable=true&allow_no_indices=true", null, null)
                .path("count").asLong();
    }

    /** Waits until at least {@code expected} documents are searchable; returns when that was seen (nanoTime). */
    long awaitCount(String indexPattern, long expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(indexPattern) >= expected) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + count(indexPattern) + " of " + expected + " documents searchable in "
                + indexPattern + " after " + timeout.toSeconds() + " s");
    }
}
