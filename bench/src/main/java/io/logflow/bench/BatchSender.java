package io.logflow.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** NDJSON batches posted to {@code /logs} by several clients, optionally at a steady rate. */
final class BatchSender {

    private final BenchDoor door;
    private final HttpClient http;
    private final URI endpoint;
    private final AtomicLong accepted = new AtomicLong();

    BatchSender(String ingestorUrl, BenchDoor door) {
        this.door = door;
        this.http = door.client();
        this.endpoint = URI.create(ingestorUrl + "/logs");
    }

    /**
     * Sends logs {@code first .. first+count-1} in batches of {@code batchSize}.
     *
     * @param logsPerSecond 0 for as fast as possible
     * @return how many logs the ingestor accepted
     */
    long send(long first, long count, int batchSize, int clients, double logsPerSecond) throws InterruptedException {
        AtomicLong next = new AtomicLong(first);
        long end = first + count;
        long started = System.nanoTime();
        try (ExecutorService senders = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                senders.submit(() -> {
                    for (long start; (start = next.getAndAdd(batchSize)) < end; ) {
                        if (logsPerSecond > 0) {
                            long due = started + (long) ((start - first) / logsPerSecond * 1e9);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(Duration.ofNanos(wait));
                            }
                        }
                        post(start, Math.min(end, start + batchSize));
                    }
                    return null;
                });
            }
        }
        return accepted.get();
    }

    private void post(long from, long to) throws Exception {
        Instant now = Instant.now();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (long n = from; n < to; n++) {
            body.writeBytes(BenchLogs.rawBytes(n, now));
            body.write('\n');
        }
        HttpResponse<String> response = http.send(door.request(endpoint)
                        .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\":true")) {
            throw new IllegalStateException("batch not fully accepted: " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        accepted.addAndGet(to - from);
    }
}
