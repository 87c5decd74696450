package io.logflow.ingestor;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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

    RawLogPublisher(Producer<byte[], byte[]> producer, String topic, Duration deadline) {
        this.producer = producer;
        this.topic = topic;
        this.deadline = deadline;
    }

    RecordMetadata publish(byte[] rawLog) throws KafkaUnavailableException {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        try {
            // send() itself may block up to max.block.ms (metadata, full buffer): set to the deadline
            Future<RecordMetadata> acknowledgement = producer.send(new ProducerRecord<>(topic, rawLog));
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
