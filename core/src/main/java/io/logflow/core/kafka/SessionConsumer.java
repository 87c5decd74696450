package io.logflow.core.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The consumer of one {@link ConsumerSession}, as its batch handler uses it: commit, rewind, pause. */
public final class SessionConsumer {

    private static final Logger log = LoggerFactory.getLogger(SessionConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final BooleanSupplier running;

    public SessionConsumer(Consumer<byte[], byte[]> consumer, BooleanSupplier running) {
        this.consumer = consumer;
        this.running = running;
    }

    /** The offsets that mark a batch as done: one past its last record, per partition. */
    public static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            offsets.put(partition, new OffsetAndMetadata(batch.records(partition).getLast().offset() + 1));
        }
        return offsets;
    }

    public ConsumerGroupMetadata groupMetadata() {
        return consumer.groupMetadata();
    }

    /** Commits the batch as done. A commit refused after a rebalance is harmless: the new owner repeats the batch. */
    public void commit(ConsumerRecords<byte[], byte[]> batch) {
        try {
            consumer.commitSync(nextOffsets(batch));
        } catch (CommitFailedException e) {
            log.atWarn().addKeyValue("reason", e.getMessage()).log("offset commit failed after a rebalance");
        }
    }

    /** The next poll returns the batch again. */
    public void rewind(ConsumerRecords<byte[], byte[]> batch) {
        for (TopicPartition partition : batch.partitions()) {
            consumer.seek(partition, batch.records(partition).getFirst().offset());
        }
    }

    /**
     * Waits with the consumer paused, polling so that the group does not evict it. A
     * rebalance may hand over partitions that are not paused; whatever they return is put
     * back, to be read again later.
     *
     * @throws WakeupException when the session is stopped during the wait
     */
    public void waitPaused(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        while (running.getAsBoolean() && System.nanoTime() < until) {
            consumer.pause(consumer.assignment());
            rewind(consumer.poll(Duration.ofMillis(Math.min(100, Math.max(1, delay.toMillis())))));
        }
        if (!running.getAsBoolean()) {
            throw new WakeupException();
        }
    }

    public void resume() {
        consumer.resume(consumer.paused());
    }
}
