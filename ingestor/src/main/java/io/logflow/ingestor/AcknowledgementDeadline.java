package io.logflow.ingestor;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Fails, with a {@link TimeoutException}, every single log Kafka has not acknowledged by its
 * deadline: one sweep a few times a second for all of them. A timer per log
 * ({@code CompletableFuture.orTimeout}) woke the JDK's scheduler thread on every
 * {@code POST /log}, which doubled the request's CPU (docs/benchmarks.md, "One log per
 * request, again").
 * The producer's own delivery timeout is set to the same deadline; this holds it even when
 * the producer does not keep it.
 */
final class AcknowledgementDeadline implements AutoCloseable {

    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ingestor-kafka-deadline").factory());

    private record Waiting(CompletableFuture<?> acknowledgement, long giveUpAt) {}

    private final long deadlineNanos;
    private final LongSupplier nanoTime;
    private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeping;

    AcknowledgementDeadline(Duration deadline) {
        this(deadline, System::nanoTime);
    }

    AcknowledgementDeadline(Duration deadline, LongSupplier nanoTime) {
        this.deadlineNanos = deadline.toNanos();
        this.nanoTime = nanoTime;
        // late by at most a tenth of the deadline, and between 10 and 100 ms
        long every = Math.clamp(deadline.toMillis() / 10, 10, 100);
        this.sweeping = SWEEPER.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** Holds {@code acknowledgement} to the deadline, counted from now. */
    <T> CompletableFuture<T> watch(CompletableFuture<T> acknowledgement) {
        Waiting one = new Waiting(acknowledgement, nanoTime.getAsLong() + deadlineNanos);
        waiting.add(one);
        acknowledgement.whenComplete((record, failure) -> waiting.remove(one));
        return acknowledgement;
    }

    /** How many acknowledgements are being waited for. */
    int waiting() {
        return waiting.size();
    }

    void sweep() {
        long now = nanoTime.getAsLong();
        for (Waiting one : waiting) {
            if (now - one.giveUpAt() >= 0) {
                one.acknowledgement().completeExceptionally(new TimeoutException());
            }
        }
    }

    @Override
    public void close() {
        sweeping.cancel(false);
    }
}
