package io.logflow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code logflow generate}: test traffic at a steady pace, like the seed's generator. It
 * waits for the ingestor's /health first, shows progress every few seconds and ends with
 * a summary.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Send generated logs to an ingestor at a steady rate, with progress and a summary.")
final class GenerateCommand implements Callable<Integer> {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8081", description = "the ingestor (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--rate", defaultValue = "10", description = "logs per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--count", defaultValue = "0", description = "stop after this many logs (default: no limit)")
    long count;

    @Option(names = "--duration", defaultValue = "0", description = "stop after this many seconds (default: no limit)")
    long durationSeconds;

    @Option(names = "--concurrency", defaultValue = "64", description = "requests in flight at most (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--wait", defaultValue = "60", description = "seconds to wait for the ingestor's /health (default: ${DEFAULT-VALUE})")
    long waitSeconds;

    private final PrintStream out = System.err;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();

    @Override
    public Integer call() throws Exception {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        awaitHealthy(http);
        SampleLogs logs = new SampleLogs(RandomGenerator.getDefault(), Clock.systemUTC());
        URI endpoint = url.resolve("/log");
        long period = (long) (1_000_000_000L / rate);
        long started = System.nanoTime();
        long stopAt = durationSeconds > 0 ? started + Duration.ofSeconds(durationSeconds).toNanos() : Long.MAX_VALUE;
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        Semaphore inFlight = new Semaphore(concurrency);
        out.printf("generate: sending %s logs/s to %s%s%s (Ctrl-C stops)%n", rate, endpoint,
                count > 0 ? ", " + count + " logs" : "", durationSeconds > 0 ? ", for " + durationSeconds + " s" : "");
        long sent = 0;
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long next = started; (count == 0 || sent < count) && System.nanoTime() < stopAt; next += period) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                byte[] log = logs.next();
                inFlight.acquire();
                requests.submit(() -> send(http, endpoint, log, inFlight));
                sent++;
                if (System.nanoTime() >= nextProgress) {
                    progress(sent, started);
                    nextProgress += PROGRESS_EVERY.toNanos();
                }
            }
        }
        progress(sent, started);
        out.printf("generate: done: %d sent, %d accepted, %d rejected (4xx), %d failed (5xx or no answer)%n",
                sent, accepted.sum(), rejected.sum(), failed.sum());
        return failed.sum() == 0 ? 0 : 1;
    }

    private void send(HttpClient http, URI endpoint, byte[] log, Semaphore inFlight) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(log)).build(),
                    HttpResponse.BodyHandlers.discarding());
            (response.statusCode() < 300 ? accepted : response.statusCode() < 500 ? rejected : failed).increment();
        } catch (IOException e) {
            failed.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.release();
        }
    }

    private void awaitHealthy(HttpClient http) throws InterruptedException {
        URI health = url.resolve("/health");
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        out.println("generate: waiting for " + health + " ...");
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the ingestor is not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingestor at " + url + " did not answer /health within "
                        + waitSeconds + " s; start it with './logflow up' or pass --url");
            }
            Thread.sleep(1000);
        }
    }

    private void progress(long sent, long startedNanos) {
        double seconds = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
        out.printf("generate: %.0f s: %d sent (%.0f/s), %d accepted, %d rejected, %d failed%n",
                seconds, sent, sent / seconds, accepted.sum(), rejected.sum(), failed.sum());
    }
}
