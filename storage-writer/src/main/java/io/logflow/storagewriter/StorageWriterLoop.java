package io.logflow.storagewriter;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.kafka.IngestTime;
import io.logflow.core.kafka.KafkaClientProperties;
import io.logflow.core.kafka.StaticMemberConsumer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed logs from Kafka into Elasticsearch. A polled batch is one bulk request; each
 * document ends stored, or rejected and dead-lettered, or — while Elasticsearch cannot
 * take it — retried with backoff, the consumer paused. The batch's offsets are committed
 * only when every document is stored or dead-lettered, so nothing is lost on a crash;
 * documents carry their log's id, so a batch written twice is stored once.
 */
final class StorageWriterLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StorageWriterLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);
    static final String STAGE = "storage-writer";

    private final LogFlowConfig config;
    private final LogIndex index;
    private final LogDocumentBuilder documents;
    private final Backoff backoff;
    private final StorageWriterMetrics metrics;
    private final Clock clock;
    private final String instanceId;
    private volatile boolean running = true;
    private boolean paused;
    private KafkaClientMetrics consumerMetrics;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    StorageWriterLoop(LogFlowConfig config, LogIndex index, LogDocumentBuilder documents, Backoff backoff,
                      StorageWriterMetrics metrics, Clock clock, String instanceId) {
        this.instanceId = instanceId;
        this.config = config;
        this.index = index;
        this.documents = documents;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            installTemplate();
            while (running) {
                try {
                    runSession();
                } catch (WakeupException e) {
                    // stop() was called
                } catch (RuntimeException e) {
                    if (running) {
                        log.atError().setCause(e).log("storage writer session failed; starting a new one");
                        sleep(backoff.delay(3));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void installTemplate() throws InterruptedException {
        for (int attempt = 0; running; attempt++) {
            try {
                index.installTemplate(config.storageWriter().indexPrefix());
                log.atInfo().addKeyValue("index_prefix", config.storageWriter().indexPrefix())
                        .log("index template installed");
                return;
            } catch (ElasticsearchUnavailableException e) {
                Duration delay = backoff.delay(attempt);
                log.atWarn().addKeyValue("reason", e.getMessage()).addKeyValue("retry_in_ms", delay.toMillis())
                        .log("waiting for Elasticsearch to install the index template");
                Thread.sleep(delay);
            }
        }
    }

    private void runSession() throws InterruptedException {
        String bootstrap = config.kafka().bootstrapServers();
        LogFlowConfig.StorageWriter settings = config.storageWriter();
        try (KafkaConsumer<byte[], byte[]> consumer = new StaticMemberConsumer(
                     KafkaClientProperties.consumer(bootstrap, settings.groupId(), instanceId, settings.bulkMaxDocs()));
             KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(
                     KafkaClientProperties.producer(bootstrap, "logflow-storage-writer-dlq"))) {
            this.consumer = consumer;
            consumerMetrics = new KafkaClientMetrics(consumer);
            consumerMetrics.bindTo(metrics.registry);
            consumer.subscribe(Set.of(config.kafka().topics().parsed()));
            log.atInfo().addKeyValue("topic", config.kafka().topics().parsed()).log("storage writer consuming");
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    metrics.received.increment(records.count());
                    store(records, consumer, deadLetters);
                }
            }
        } finally {
            if (consumerMetrics != null) {
                consumerMetrics.close();
            }
        }
    }

    private void store(ConsumerRecords<byte[], byte[]> records, KafkaConsumer<byte[], byte[]> consumer,
                       KafkaProducer<byte[], byte[]> deadLetters) throws InterruptedException {
        List<ProducerRecord<byte[], byte[]>> rejected = new ArrayList<>();
        List<LogDocument> pending = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                pending.add(documents.build(record));
            } catch (UnindexableLogException e) {
                rejected.add(deadLetter(record, e.getMessage(), e.getClass().getName()));
            }
        }
        long stored = 0;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                waitBeforeRetry(consumer, attempt, pending.size());
            }
            List<LogDocument> retry = new ArrayList<>();
            String retryReason = null;
            try {
                List<BulkItemResult> results = new ArrayList<>(pending.size());
                for (List<LogDocument> chunk : BulkChunks.split(pending, config.storageWriter().bulkMaxBytes())) {
                    long bulkStarted = System.nanoTime();
                    results.addAll(index.bulk(chunk));
                    metrics.bulkDuration.record(System.nanoTime() - bulkStarted, TimeUnit.NANOSECONDS);
                    metrics.bulkDocuments.record(chunk.size());
                }
                long now = clock.millis();
                for (BulkItemResult result : results) {
                    switch (result.outcome()) {
                        case STORED -> {
                            stored++;
                            IngestTime.read(result.document().record().headers()).ifPresent(ingestedAt ->
                                    metrics.ingestToIndexed.record(Math.max(0, now - ingestedAt), TimeUnit.MILLISECONDS));
                        }
                        case REJECTED -> rejected.add(deadLetter(result.document().record(),
                                "elasticsearch rejected the document: " + result.describeError(), result.errorType()));
                        case RETRY -> {
                            retry.add(result.document());
                            retryReason = result.describeError();
                        }
                    }
                }
                if (!retry.isEmpty()) {
                    log.atWarn().addKeyValue("documents", retry.size()).addKeyValue("attempt", attempt)
                            .addKeyValue("reason", retryReason)
                            .log("Elasticsearch could not take every document; retrying those");
                }
            } catch (ElasticsearchUnavailableException e) {
                log.atWarn().addKeyValue("documents", pending.size()).addKeyValue("attempt", attempt)
                        .addKeyValue("reason", e.getMessage()).log("bulk request failed; retrying");
                retry = pending;
            }
            pending = retry;
        }
        sendDeadLetters(rejected, deadLetters, consumer);
        resume(consumer);
        commit(records, consumer);
        metrics.stored.increment(stored);
        metrics.failed.increment(rejected.size());
        for (ProducerRecord<byte[], byte[]> deadLetter : rejected) {
            String cause = DeadLetter.header(deadLetter.headers(), DeadLetter.EXCEPTION_CLASS);
            metrics.deadLettered(cause.equals(UnindexableLogException.class.getName()) ? "unindexable" : cause).increment();
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason,
                                                      String cause) {
        log.atWarn().addKeyValue("partition", record.partition()).addKeyValue("offset", record.offset())
                .addKeyValue("reason", reason).addKeyValue(CorrelationId.HEADER, CorrelationId.read(record.headers()).orElse(null))
                .log("parsed log dead-lettered");
        return DeadLetter.of(record, config.kafka().topics().parsedDlq(), STAGE, reason, cause, clock.instant());
    }

    /** Dead letters must be in Kafka before the offsets that skip them are committed. */
    private void sendDeadLetters(List<ProducerRecord<byte[], byte[]>> rejected, KafkaProducer<byte[], byte[]> producer,
                                 KafkaConsumer<byte[], byte[]> consumer) throws InterruptedException {
        for (int attempt = 0; !rejected.isEmpty(); attempt++) {
            List<Future<?>> acknowledgements = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> deadLetter : rejected) {
                acknowledgements.add(producer.send(deadLetter));
            }
            try {
                for (Future<?> acknowledgement : acknowledgements) {
                    acknowledgement.get();
                }
                return;
            } catch (ExecutionException e) {
                log.atWarn().addKeyValue("reason", e.getCause().getMessage())
                        .log("dead-letter topic did not take the dead letters; retrying");
                waitBeforeRetry(consumer, attempt + 1, rejected.size());
            }
        }
    }

    /**
     * Waits with the consumer paused, polling so that the group does not evict it. A
     * rebalance may hand over partitions that are not paused; whatever they return is
     * put back, to be read again after the retry.
     */
    private void waitBeforeRetry(KafkaConsumer<byte[], byte[]> consumer, int attempt, int documents)
            throws InterruptedException {
        metrics.retries.increment();
        if (!paused) {
            paused = true;
            metrics.pausedConsumers.incrementAndGet();
        }
        Duration delay = backoff.delay(attempt - 1);
        log.atInfo().addKeyValue("attempt", attempt).addKeyValue("documents", documents)
                .addKeyValue("retry_in_ms", delay.toMillis()).log("writer paused; retrying after backoff");
        long until = System.nanoTime() + delay.toNanos();
        while (running && System.nanoTime() < until) {
            consumer.pause(consumer.assignment());
            ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ofMillis(Math.min(100, delay.toMillis())));
            for (TopicPartition partition : unexpected.partitions()) {
                consumer.seek(partition, unexpected.records(partition).getFirst().offset());
            }
        }
        if (!running) {
            throw new WakeupException();
        }
    }

    private void resume(KafkaConsumer<byte[], byte[]> consumer) {
        if (paused) {
            paused = false;
            metrics.pausedConsumers.decrementAndGet();
            consumer.resume(consumer.paused());
            log.info("writer resumed");
        }
    }

    private void commit(ConsumerRecords<byte[], byte[]> records, KafkaConsumer<byte[], byte[]> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            offsets.put(partition, new OffsetAndMetadata(records.records(partition).getLast().offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException e) {
            // the partitions moved to another writer, which will write the same ids again: harmless
            log.atWarn().addKeyValue("reason", e.getMessage()).log("offset commit failed after a rebalance");
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
