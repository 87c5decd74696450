package io.logflow.core.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th retry waits a random time between
 * half of and the whole of min(cap, initial * 2^n), so that writers recovering from the
 * same outage do not hit Elasticsearch in step.
 */
public final class Backoff {

    private final long initialMs;
    private final long capMs;
    private final RandomGenerator random;

    public Backoff(long initialMs, long capMs, RandomGenerator random) {
        this.initialMs = initialMs;
        this.capMs = capMs;
        this.random = random;
    }

    public Duration delay(int attempt) {
        long ceiling = capMs;
        if (attempt < 30) {
            ceiling = Math.min(capMs, initialMs << attempt);
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
