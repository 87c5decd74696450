package io.logflow.ingestor;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.IngestTime;
import io.logflow.core.log.LogId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Hands raw logs to Kafka and waits, within a deadline, for the acknowledgement of all
 * in-sync replicas, or, for a single log, tells when it comes. What it must never let
 * anyone do is answer 2xx for a record Kafka has not acknowledged.
 */
final class RawLogPublisher implements AutoCloseable {

    /** What became of one raw log: where Kafka put it, or why it is not there. */
    record Outcome(RecordMetadata record, String failure) {
        boolean published() {
            return record != null;
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration deadline;
    private final long maxInFlightBytes;
    private final Semaphore inFlightBytes;
    private final AcknowledgementDeadline singleLogDeadline;

    RawLogPublisher(Producer<byte[], byte[]> producer, String topic, Duration deadline, long maxInFlightBytes) {
        this.producer = producer;
        this.topic = topic;
        this.deadline = deadline;
        this.maxInFlightBytes = maxInFlightBytes;
        this.inFlightBytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, maxInFlightBytes));
        this.singleLogDeadline = new AcknowledgementDeadline(deadline);
    }

    /** A batch of the current request's logs, to send one by one and wait for together. */
    Batch batch() {
        return new Batch();
    }

    /**
     * Logs handed to the producer as the caller sends them, so that the producer batches
     * them and the ingestor need not hold them (the producer has its own copy), then each
     * acknowledgement waited for within one shared deadline. A log is refused at once,
     * rather than queued, when the logs already waiting for Kafka fill the bound: a slow
     * or absent Kafka then costs clients a 503, not the ingestor its memory.
     */
    final class Batch {
        private final long giveUpAt = System.nanoTime() + deadline.toNanos();
        private final byte[] ingestedAt = IngestTime.encode(System.currentTimeMillis());
        private final byte[] ingestKey;
        private final List<Sent> sent = new ArrayList<>();
        private String correlationId;
        private byte[] correlation;

        private Batch() {
            String admittedKey = IngestDoor.admittedKey();
            ingestKey = admittedKey == null ? null : admittedKey.getBytes(StandardCharsets.UTF_8);
        }

        /** @param clientKey the {@link ClientKey} of a log its client named, else null */
        void send(byte[] rawLog, String clientKey, String correlationId) {
            // one request's logs mostly share an id: encode it again only when it changes
            if (!correlationId.equals(this.correlationId)) {
                this.correlationId = correlationId;
                correlation = CorrelationId.encode(correlationId);
            }
            sent.add(RawLogPublisher.this.send(rawLog, ingestedAt, correlation, clientKey, ingestKey, null));
        }

        /** What became of each log sent, in order. */
        List<Outcome> await() {
            List<Outcome> outcomes = new ArrayList<>(sent.size());
            for (Sent one : sent) {
                outcomes.add(one.refused() != null ? one.refused() : RawLogPublisher.this.await(one.acknowledgement(),
                        giveUpAt));
            }
            return outcomes;
        }
    }

    /**
     * One log handed to the producer without waiting for it: the outcome comes from Kafka's
     * acknowledgement or refusal, on the producer's thread, or at the deadline, whichever
     * is first.
     *
     * @param admittedKey the id of the API key the request was admitted with, null without keys
     */
    CompletableFuture<Outcome> publishOne(byte[] rawLog, String clientKey, String correlationId, String admittedKey) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        Sent sent = send(rawLog, IngestTime.encode(System.currentTimeMillis()), CorrelationId.encode(correlationId),
                clientKey, admittedKey == null ? null : admittedKey.getBytes(StandardCharsets.UTF_8),
                (metadata, exception) -> {
                    if (exception == null) {
                        acknowledged.complete(metadata);
                    } else {
                        acknowledged.completeExceptionally(exception);
                    }
                });
        if (sent.refused() != null) {
            return CompletableFuture.completedFuture(sent.refused());
        }
        return singleLogDeadline.watch(acknowledged)
                .handle((record, failure) -> failure == null ? new Outcome(record, null) : new Outcome(null, why(failure)));
    }

    /** A log handed to the producer, or refused before it got there. */
    private record Sent(Future<RecordMetadata> acknowledgement, Outcome refused) {}

    /** @param acknowledged told of Kafka's answer after the log's bytes left the bound; null: nobody */
    private Sent send(byte[] rawLog, byte[] ingestedAt, byte[] correlationId, String clientKey, byte[] ingestKey,
                      Callback acknowledged) {
        int size = Math.max(1, rawLog.length);
        if (!inFlightBytes.tryAcquire(size)) {
            return new Sent(null, new Outcome(null,
                    "the ingestor already has " + maxInFlightBytes + " bytes of logs waiting for Kafka"));
        }
        try {
            // send() itself may block up to max.block.ms (metadata, full buffer): set to the deadline
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, rawLog);
            record.headers().add(IngestTime.HEADER, ingestedAt);
            record.headers().add(CorrelationId.HEADER, correlationId);
            if (clientKey != null) {
                record.headers().add(LogId.CLIENT_HEADER, clientKey.getBytes(StandardCharsets.US_ASCII));
            }
            if (ingestKey != null) {
                record.headers().add(LogId.INGEST_KEY_HEADER, ingestKey);
            }
            return new Sent(producer.send(record, (metadata, exception) -> {
                inFlightBytes.release(size);
                if (acknowledged != null) {
                    acknowledged.onCompletion(metadata, exception);
                }
            }), null);
        } catch (KafkaException e) {
            inFlightBytes.release(size);
            return new Sent(null, new Outcome(null, "Kafka refused the log: " + e.getMessage()));
        }
    }

    private Outcome await(Future<RecordMetadata> acknowledgement, long giveUpAt) {
        try {
            return new Outcome(acknowledgement.get(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted while waiting for Kafka");
        } catch (TimeoutException e) {
            return new Outcome(null, why(e));
        } catch (ExecutionException e) {
            return new Outcome(null, why(e.getCause()));
        }
    }

    /** Stops holding single logs to their deadline: the producer's close fails those still waiting. */
    @Override
    public void close() {
        singleLogDeadline.close();
    }

    private String why(Throwable failure) {
        // the producer's delivery timeout is the same deadline: whichever comes first, it is this one
        return failure instanceof TimeoutException || failure instanceof org.apache.kafka.common.errors.TimeoutException
                ? "Kafka did not acknowledge within " + deadline.toMillis() + " ms"
                : "Kafka refused the log: " + failure.getMessage();
    }
}
