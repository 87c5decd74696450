package io.logflow.storagewriter;

import io.logflow.core.kafka.SessionConsumer;
import io.logflow.core.retry.Backoff;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's wait before a retry: a backoff with its consumer paused, so that no new
 * batch is read while Elasticsearch or the dead-letter topic cannot take the current one.
 * The writer counts as paused from the first retry until {@link #resume()}.
 */
final class PausedRetry {

    private static final Logger log = LoggerFactory.getLogger(PausedRetry.class);

    private final SessionConsumer consumer;
    private final Backoff backoff;
    private final StorageWriterMetrics metrics;
    private boolean paused;

    PausedRetry(SessionConsumer consumer, Backoff backoff, StorageWriterMetrics metrics) {
        this.consumer = consumer;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /** Waits before retry number {@code attempt} (from 1); a stop during the wait ends it with a WakeupException. */
    void await(int attempt, int documents) {
        metrics.retries.increment();
        if (!paused) {
            paused = true;
            metrics.pausedConsumers.incrementAndGet();
        }
        Duration delay = backoff.delay(attempt - 1);
        log.atInfo().addKeyValue("attempt", attempt).addKeyValue("documents", documents)
                .addKeyValue("retry_in_ms", delay.toMillis()).log("writer paused; retrying after backoff");
        consumer.waitPaused(delay);
    }

    void resume() {
        if (paused) {
            paused = false;
            metrics.pausedConsumers.decrementAndGet();
            consumer.resume();
            log.info("writer resumed");
        }
    }
}
