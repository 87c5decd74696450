package io.logflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Batches posted through one of the ingestor's doors by several clients, optionally at a steady rate. */
final class BatchSender {

    private final BenchDoor door;
    private final HttpClient http;
    private final BatchFormat format;
    private final URI endpoint;
    private final AtomicLong accepted = new AtomicLong();

    /** NDJSON batches to {@code POST /logs}. */
    BatchSender(String ingestorUrl, BenchDoor door) {
        this(ingestorUrl, door, BatchFormat.LOGS);
    }

    BatchSender(String ingestorUrl, BenchDoor door, BatchFormat format) {
        this.door = door;
        this.http = door.client();
        this.format = format;
        this.endpoint = URI.create(ingestorUrl + format.path);
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
        HttpResponse<byte[]> response = http.send(door.request(endpoint)
                        .header("Content-Type", format.contentType).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(format.body(from, to, Instant.now()))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || !format.allAccepted(response.body())) {
            String answer = new String(response.body(), StandardCharsets.UTF_8);
            throw new IllegalStateException("batch not fully accepted by " + format.path + ": " + response.statusCode()
                    + " " + answer.substring(0, Math.min(300, answer.length())));
        }
        accepted.addAndGet(to - from);
    }
}
