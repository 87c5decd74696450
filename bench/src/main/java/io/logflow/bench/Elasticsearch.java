package io.logflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.elasticsearch.ElasticsearchRequestException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The few Elasticsearch calls the benchmark makes, through LogFlow's own connection. */
final class Elasticsearch implements AutoCloseable {

    private static final Map<String, String> EXISTING_INDICES =
            Map.of("ignore_unavailable", "true", "allow_no_indices", "true");

    private final ElasticsearchConnection connection;

    Elasticsearch(String url) {
        this.connection = new ElasticsearchConnection(new LogFlowConfig.Elasticsearch(url));
    }

    URI uri() {
        return URI.create(connection.url());
    }

    /** @param body JSON or NDJSON, or null */
    JsonNode send(String method, String path, Map<String, String> params, byte[] body)
            throws IOException, InterruptedException {
        return connection.json(method, path, params, body);
    }

    /** Documents currently searchable in the indices of a pattern; fails on any error. */
    long count(String indexPattern) throws IOException, InterruptedException {
        return send("GET", "/" + indexPattern + "/_count", EXISTING_INDICES, null).path("count").asLong();
    }

    /** Documents currently searchable, asking again over answers that may pass (see {@link #awaitCount}). */
    long count(String indexPattern, Duration timeout) throws IOException, InterruptedException {
        return awaitSeen(indexPattern, 0, timeout).count();
    }

    /**
     * Waits until at least {@code expected} documents are searchable; returns when that was
     * seen (nanoTime). Rides over answers that may pass — no answer (refused, reset), 429,
     * 5xx, 404 as while an index or data stream is being created — until the timeout, and
     * fails at once on any other, with its status and body.
     */
    long awaitCount(String indexPattern, long expected, Duration timeout) throws IOException, InterruptedException {
        return awaitSeen(indexPattern, expected, timeout).nanoTime();
    }

    private record Seen(long count, long nanoTime) {}

    private Seen awaitSeen(String indexPattern, long expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long searchable = 0;
        ElasticsearchRequestException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                searchable = count(indexPattern);
                lastError = null;
                if (searchable >= expected) {
                    return new Seen(searchable, System.nanoTime());
                }
            } catch (ElasticsearchRequestException e) {
                if (!mayPass(e)) {
                    throw e;
                }
                lastError = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + searchable + " of " + expected + " documents searchable in "
                + indexPattern + " after " + timeout.toSeconds() + " s"
                + (lastError == null ? "" : "; the last count failed: " + lastError.getMessage()));
    }

    private static boolean mayPass(ElasticsearchRequestException e) {
        return e.isTransient() || e.status() == 404;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
