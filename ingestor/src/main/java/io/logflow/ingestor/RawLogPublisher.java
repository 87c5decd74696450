package io.logflow.ingestor;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Hands raw logs to Kafka and waits, within a deadline, for the acknowledgement of all
 * in-sync replicas. The caller runs on a virtual thread, so waiting is cheap; what it
 * must never do is answer 2xx for a record Kafka has not acknowledged.
 */
final class RawLogPublisher {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration deadline;
    private final long maxInFlightBytes;
    private final Semaphore inFlightBytes;

    RawLogPublisher(Producer<byte[], byte[]> producer, String topic, Duration deadline, long maxInFlightBytes) {
        this.producer = producer;
        this.topic = topic;
        this.deadline = deadline;
        this.maxInFlightBytes = maxInFlightBytes;
        this.inFlightBytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, maxInFlightBytes));
    }

    /**
     * Refuses at once, rather than queue, when the logs already waiting for Kafka reach
     * the bound: a slow or absent Kafka then costs clients a 503, not the ingestor its memory.
     */
    RecordMetadata publish(byte[] rawLog) throws KafkaUnavailableException {
        int size = Math.max(1, rawLog.length);
        if (!inFlightBytes.tryAcquire(size)) {
            throw new KafkaUnavailableException("the ingestor already has " + maxInFlightBytes
                    + " bytes of logs waiting for Kafka", null);
        }
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        Future<RecordMetadata> acknowledgement;
        try {
            // send() itself may block up to max.block.ms (metadata, full buffer): set to the deadline
            acknowledgement = producer.send(new ProducerRecord<>(topic, rawLog),
                    (metadata, exception) -> inFlightBytes.release(size));
        } catch (KafkaException e) {
            inFlightBytes.release(size);
            throw new KafkaUnavailableException("Kafka refused the log: " + e.getMessage(), e);
        }
        try {
            return acknowledgement.get(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge within " + deadline.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka refused the log: " + e.getCause().getMessage(), e.getCause());
        } catch (KafkaException e) {
            throw new KafkaUnavailableException("Kafka refused the log: " + e.getMessage(), e);
        }
    }
}
