package io.logflow.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(200, 30_000, new Random(7));

    @Test
    void growsExponentiallyWithinHalfAndAllOfTheCeiling() {
        for (int attempt = 0; attempt < 8; attempt++) {
            long ceiling = Math.min(30_000, 200L << attempt);
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void neverExceedsTheCapHoweverManyAttempts() {
        for (int attempt : new int[] {8, 20, 31, 64, 1_000}) {
            assertThat(backoff.delay(attempt)).isBetween(Duration.ofMillis(15_000), Duration.ofMillis(30_000));
        }
    }

    @Test
    void isJittered() {
        assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> backoff.delay(5)).distinct().count())
                .isGreaterThan(10);
    }
}
