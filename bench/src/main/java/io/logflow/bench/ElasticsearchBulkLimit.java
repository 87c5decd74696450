package io.logflow.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * (a) The limit: Elasticsearch indexing the documents LogFlow would write, with explicit
 * ids, sent as fast as a client can with {@code _bulk} from two threads, all bodies built
 * before the clock starts.
 */
final class ElasticsearchBulkLimit {

    private ElasticsearchBulkLimit() {}

    static double docsPerSecond(Elasticsearch elasticsearch, int documents, int bulkSize, int clients) throws Exception {
        String index = "logs-bench-direct"; // LogFlow's index template, so LogFlow's mapping
        Instant now = Instant.now();
        List<byte[]> bodies = new ArrayList<>();
        for (int start = 0; start < documents; start += bulkSize) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int n = start; n < Math.min(documents, start + bulkSize); n++) {
                body.writeBytes(("{\"create\":{\"_index\":\"" + index + "\",\"_id\":\"bench-0-" + n + "\"}}\n"
                        + BenchLogs.document(n, now, index) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            bodies.add(body.toByteArray());
        }
        long started = System.nanoTime();
        sendAll(elasticsearch, bodies, clients);
        elasticsearch.send("POST", "/" + index + "/_refresh", Map.of(), null);
        double seconds = (System.nanoTime() - started) / 1e9;
        long stored = elasticsearch.count(index);
        if (stored != documents) {
            throw new IllegalStateException(stored + " of " + documents + " documents stored");
        }
        elasticsearch.send("DELETE", "/" + index, Map.of(), null);
        return documents / seconds;
    }

    /** Sends the bulk bodies from {@code clients} threads; fails if any item failed. */
    static void sendAll(Elasticsearch elasticsearch, List<byte[]> bodies, int clients) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> sent = new ArrayList<>();
            for (byte[] body : bodies) {
                sent.add(pool.submit(() -> {
                    var response = elasticsearch.send("POST", "/_bulk", Map.of(), body);
                    if (response.path("errors").asBoolean()) {
                        throw new IllegalStateException("bulk errors: " + response.toString().substring(0, 500));
                    }
                    return null;
                }));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        }
    }
}
