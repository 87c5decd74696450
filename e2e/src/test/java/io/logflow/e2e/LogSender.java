package io.logflow.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Test traffic: valid logs posted one per request to an ingestor, many at a time, with
 * every answer counted and the slowest one remembered.
 */
final class LogSender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder unavailable = new LongAdder();
    final LongAdder other = new LongAdder();
    final AtomicLong slowestUnavailableNanos = new AtomicLong();
    final AtomicLong slowestNanos = new AtomicLong();

    private final LongFunction<Instant> timestampOf;

    LogSender(String ingestorUrl) {
        this(ingestorUrl, n -> Instant.now());
    }

    /** @param timestampOf the time of the n-th log */
    LogSender(String ingestorUrl, LongFunction<Instant> timestampOf) {
        this.endpoint = URI.create(ingestorUrl + "/log");
        this.timestampOf = timestampOf;
    }

    /** Sends {@code count} logs, {@code concurrency} at a time, at most {@code perSecond} a second (0: no limit). */
    void send(long count, int concurrency, double perSecond) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        long period = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        long next = System.nanoTime();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                if (period > 0) {
                    next += period;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                }
                inFlight.acquire();
                long n = i;
                requests.submit(() -> {
                    try {
                        sendOne(n);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    private void sendOne(long n) {
        String log = "{\"timestamp\":\"" + timestampOf.apply(n) + "\",\"level\":\"INFO\",\"message\":\"load " + n
                + "\",\"service\":\"fault-test\"}";
        long started = System.nanoTime();
        try {
            int status = http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(log)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            long took = System.nanoTime() - started;
            slowestNanos.accumulateAndGet(took, Math::max);
            if (status == 200) {
                accepted.increment();
            } else if (status == 503) {
                unavailable.increment();
                slowestUnavailableNanos.accumulateAndGet(took, Math::max);
            } else {
                other.increment();
            }
        } catch (IOException e) {
            other.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sent.increment();
        }
    }

    @Override
    public String toString() {
        return String.format("sent %d: %d accepted, %d answered 503, %d other; slowest %d ms", sent.sum(),
                accepted.sum(), unavailable.sum(), other.sum(), slowestNanos.get() / 1_000_000);
    }
}
