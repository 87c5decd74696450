package io.logflow.core.kafka;

import io.logflow.core.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consuming thread of a stage. A session is a consumer in the stage's group plus what
 * the stage opens for it (a producer, say); each polled batch goes to the stage's
 * {@link BatchHandler}. A session that fails is closed and a new one opened after a
 * backoff, so a stage outlives any Kafka error; {@link #stop()} ends the current session
 * and leaves the group.
 */
public final class ConsumerSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerSession.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** What a stage does with the batches of one session. */
    public interface BatchHandler extends AutoCloseable {
        /** Returns when the batch is done: its offsets committed, or rewound to be polled again. */
        void handle(ConsumerRecords<byte[], byte[]> batch) throws InterruptedException;

        /** Releases what the session opened; the session's consumer is closed after this. */
        @Override
        default void close() {}
    }

    /** Opens a stage's handler for a new session. */
    @FunctionalInterface
    public interface HandlerFactory {
        BatchHandler open(SessionConsumer consumer);
    }

    private final String stage;
    private final String topic;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final HandlerFactory handlers;
    private final Backoff restartBackoff;
    private final MeterRegistry registry;
    private volatile boolean running = true;
    private volatile Consumer<byte[], byte[]> current;
    private int failedSessions;

    public ConsumerSession(String stage, String topic, Supplier<Consumer<byte[], byte[]>> consumers,
                           HandlerFactory handlers, Backoff restartBackoff, MeterRegistry registry) {
        this.stage = stage;
        this.topic = topic;
        this.consumers = consumers;
        this.handlers = handlers;
        this.restartBackoff = restartBackoff;
        this.registry = registry;
    }

    @Override
    public void run() {
        while (running) {
            try {
                runSession();
            } catch (WakeupException e) {
                if (running) {
                    log.atWarn().addKeyValue("stage", stage).log("consumer woken up while running; opening a new session");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    waitAfterFailure(e);
                }
            }
        }
    }

    private void runSession() throws InterruptedException {
        try (Consumer<byte[], byte[]> consumer = consumers.get();
             KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer)) {
            current = consumer;
            consumerMetrics.bindTo(registry);
            try (BatchHandler handler = handlers.open(new SessionConsumer(consumer, () -> running))) {
                consumer.subscribe(Set.of(topic));
                log.atInfo().addKeyValue("stage", stage).addKeyValue("topic", topic).log("consuming");
                while (running) {
                    ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                    if (!batch.isEmpty()) {
                        handler.handle(batch);
                        failedSessions = 0;
                    }
                }
            }
        } finally {
            current = null;
        }
    }

    private void waitAfterFailure(RuntimeException failure) {
        Duration delay = restartBackoff.delay(failedSessions++);
        log.atError().setCause(failure).addKeyValue("stage", stage).addKeyValue("retry_in_ms", delay.toMillis())
                .log("consumer session failed; opening a new one after a backoff");
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Ends the session: a poll or wait in progress returns at once, and the consumer leaves its group. */
    public void stop() {
        running = false;
        Consumer<byte[], byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
    }
}
