package io.logflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * (e) Ingest-to-searchable latency: a probe log every 50 ms through {@code POST /log},
 * and a search every 50 ms for the probes Elasticsearch can return; each probe's latency
 * is from just before it was sent to the first search that found it.
 */
final class LatencyProbe {

    private final BenchDoor door;
    private final HttpClient http;
    private final String ingestorUrl;
    private final Elasticsearch elasticsearch;
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<Long, Long> latencyNanos = new ConcurrentHashMap<>();
    private volatile Exception lastSearchError;

    LatencyProbe(String ingestorUrl, BenchDoor door, Elasticsearch elasticsearch) {
        this.door = door;
        this.http = door.client();
        this.ingestorUrl = ingestorUrl;
        this.elasticsearch = elasticsearch;
    }

    /** Probes for {@code duration}, then waits for the last probes; returns the latencies in ms, sorted. */
    List<Double> run(Duration duration) throws Exception {
        Thread searcher = Thread.ofPlatform().start(this::searchUntilInterrupted);
        long stopAt = System.nanoTime() + duration.toNanos();
        for (long n = 0; System.nanoTime() < stopAt; n++) {
            String body = "{\"timestamp\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"message\":\"probe " + n
                    + "\",\"service\":\"latency-probe\",\"metadata\":{\"probe\":\"" + n + "\"}}";
            sentAt.put(n, System.nanoTime());
            http.send(door.request(URI.create(ingestorUrl + "/log")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            Thread.sleep(50);
        }
        long waitUntil = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (latencyNanos.size() < sentAt.size() && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        searcher.interrupt();
        searcher.join();
        if (latencyNanos.size() < sentAt.size()) {
            throw new IllegalStateException((sentAt.size() - latencyNanos.size()) + " probes never became searchable"
                    + (lastSearchError == null ? "" : "; the last search failed: " + lastSearchError.getMessage()));
        }
        List<Double> millis = new ArrayList<>(latencyNanos.values().stream().map(n -> n / 1e6).toList());
        Collections.sort(millis);
        return millis;
    }

    private void searchUntilInterrupted() {
        byte[] query = """
                {"size":10000,"_source":["metadata.probe"],"query":{"term":{"service":"latency-probe"}}}"""
                .getBytes(StandardCharsets.UTF_8);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                JsonNode hits = elasticsearch.send("POST", "/" + Benchmark.STORED_LOGS + "/_search", Map.of("ignore_unavailable", "true"), query)
                        .path("hits").path("hits");
                long now = System.nanoTime();
                for (JsonNode hit : hits) {
                    long probe = Long.parseLong(hit.path("_source").path("metadata").path("probe").asText());
                    Long sent = sentAt.get(probe);
                    if (sent != null) {
                        latencyNanos.putIfAbsent(probe, now - sent);
                    }
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                lastSearchError = e; // Elasticsearch busy: try again on the next round
            }
        }
    }

    static double percentile(List<Double> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
