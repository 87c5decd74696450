package io.logflow.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Test traffic: valid logs posted one per request to an ingestor (or in turn to several),
 * many at a time, with every answer counted, timed and kept.
 */
final class LogSender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> endpoints;
    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder unavailable = new LongAdder();
    final LongAdder other = new LongAdder();
    final AtomicLong slowestUnavailableNanos = new AtomicLong();
    final AtomicLong slowestNanos = new AtomicLong();
    /** every answer, in the order they came */
    final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    /** One request: when it was sent and answered ({@link System#nanoTime()}), and its status (0: no answer). */
    record Answer(long sentNanos, long answeredNanos, int status) {}

    private final LongFunction<Instant> timestampOf;

    LogSender(String ingestorUrl) {
        this(ingestorUrl, n -> Instant.now());
    }

    /** @param timestampOf the time of the n-th log */
    LogSender(String ingestorUrl, LongFunction<Instant> timestampOf) {
        this(List.of(ingestorUrl), timestampOf);
    }

    /** The n-th log goes to the (n mod k)-th of k ingestors. */
    LogSender(List<String> ingestorUrls) {
        this(ingestorUrls, n -> Instant.now());
    }

    private LogSender(List<String> ingestorUrls, LongFunction<Instant> timestampOf) {
        this.endpoints = ingestorUrls.stream().map(url -> URI.create(url + "/log")).toList();
        this.timestampOf = timestampOf;
    }

    /** Sends no more logs; those in flight still get their answers. */
    void stop() {
        stopped = true;
    }

    /** Sends {@code count} logs, {@code concurrency} at a time, at most {@code perSecond} a second (0: no limit). */
    void send(long count, int concurrency, double perSecond) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        long period = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        long next = System.nanoTime();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count && !stopped; i++) {
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
        int status = 0;
        try {
            status = http.send(HttpRequest.newBuilder(endpoints.get((int) (n % endpoints.size())))
                            .header("Content-Type", "application/json")
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
            answers.add(new Answer(started, System.nanoTime(), status));
            sent.increment();
        }
    }

    @Override
    public String toString() {
        return String.format("sent %d: %d accepted, %d answered 503, %d other; slowest %d ms", sent.sum(),
                accepted.sum(), unavailable.sum(), other.sum(), slowestNanos.get() / 1_000_000);
    }
}
