package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The single logs' deadline for Kafka's acknowledgement, on a clock the test moves. */
class AcknowledgementDeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AcknowledgementDeadline deadline = new AcknowledgementDeadline(Duration.ofHours(1), now::get);

    @AfterEach
    void close() {
        deadline.close();
    }

    @Test
    void anAcknowledgementNotInByItsDeadlineFailsWithATimeout() {
        CompletableFuture<String> acknowledgement = deadline.watch(new CompletableFuture<>());
        now.addAndGet(Duration.ofMinutes(59).toNanos());
        deadline.sweep();
        assertThat(acknowledgement).as("before its deadline").isNotDone();

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        deadline.sweep();

        assertThat(acknowledgement).isCompletedExceptionally();
        assertThat(acknowledgement.handle((value, failure) -> failure).join()).isInstanceOf(TimeoutException.class);
        assertThat(deadline.waiting()).as("nothing left to watch").isZero();
    }

    @Test
    void eachLogHasItsOwnDeadlineAndAnAcknowledgedOneIsForgotten() {
        CompletableFuture<String> early = deadline.watch(new CompletableFuture<>());
        now.addAndGet(Duration.ofMinutes(30).toNanos());
        CompletableFuture<String> late = deadline.watch(new CompletableFuture<>());
        CompletableFuture<String> acknowledged = deadline.watch(new CompletableFuture<>());
        acknowledged.complete("raw_logs-0@7");
        assertThat(deadline.waiting()).isEqualTo(2);

        now.addAndGet(Duration.ofMinutes(30).toNanos());
        deadline.sweep();

        assertThat(early).isCompletedExceptionally();
        assertThat(late).isNotDone();
        assertThat(acknowledged).isCompletedWithValue("raw_logs-0@7");
    }
}
