package io.logflow.storagewriter;

import io.logflow.core.kafka.ConsumerSession;
import io.logflow.core.kafka.SessionConsumer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Parsed logs from Kafka into Elasticsearch, one polled batch at a time. Each document
 * ends stored, or rejected and dead-lettered, or — while Elasticsearch cannot take it —
 * retried with the consumer paused. The batch's offsets are committed only when every
 * document is stored or dead-lettered, so nothing is lost on a crash; documents carry
 * their log's id, so a batch written twice is stored once.
 */
final class BatchWriter implements ConsumerSession.BatchHandler {

    private final LogDocumentBuilder documents;
    private final RetryingBulk bulk;
    private final DeadLetterSender deadLetters;
    private final PausedRetry retry;
    private final SessionConsumer consumer;
    private final StorageWriterMetrics metrics;

    BatchWriter(LogDocumentBuilder documents, RetryingBulk bulk, DeadLetterSender deadLetters, PausedRetry retry,
                SessionConsumer consumer, StorageWriterMetrics metrics) {
        this.documents = documents;
        this.bulk = bulk;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.consumer = consumer;
        this.metrics = metrics;
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> batch) throws InterruptedException {
        metrics.received.increment(batch.count());
        List<Rejection> rejected = new ArrayList<>();
        long stored = bulk.store(build(batch, rejected), rejected);
        deadLetters.send(rejected);
        retry.resume();
        consumer.commit(batch);
        metrics.stored.increment(stored);
        metrics.failed.increment(rejected.size());
        for (Rejection rejection : rejected) {
            metrics.deadLettered.apply(rejection.metricReason()).increment();
        }
    }

    private List<LogDocument> build(ConsumerRecords<byte[], byte[]> batch, List<Rejection> rejected) {
        List<LogDocument> built = new ArrayList<>(batch.count());
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            try {
                built.add(documents.build(record));
            } catch (UnindexableLogException e) {
                rejected.add(Rejection.unindexable(record, e));
            }
        }
        return built;
    }

    @Override
    public void close() {
        deadLetters.close();
    }
}
