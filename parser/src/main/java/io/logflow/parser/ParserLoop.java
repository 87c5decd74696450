package io.logflow.parser;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.kafka.KafkaClientProperties;
import io.logflow.core.kafka.StaticMemberConsumer;
import io.logflow.core.kafka.TopicIds;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once consume-transform-produce. Each polled batch is one Kafka transaction
 * holding its parsed logs, its dead letters and its consumer offsets: either all of them
 * become visible or none do, so a crash anywhere re-processes the batch without a
 * duplicate downstream (consumers read committed records only).
 */
final class ParserLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ParserLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(2);

    private final LogFlowConfig config;
    /** also the consumer's static group instance id */
    private final String transactionalId;
    private final Function<String, RawLogParser> parserForTopicId;
    private final ParserMetrics metrics;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private KafkaClientMetrics consumerMetrics;

    ParserLoop(LogFlowConfig config, String transactionalId,
               Function<String, RawLogParser> parserForTopicId, ParserMetrics metrics) {
        this.config = config;
        this.transactionalId = transactionalId;
        this.parserForTopicId = parserForTopicId;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        while (running) {
            try {
                runSession();
            } catch (WakeupException e) {
                if (running) {
                    log.warn("woken up while running; restarting the session");
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                log.atError().setCause(e).addKeyValue("retry_in_ms", RESTART_BACKOFF.toMillis())
                        .log("parser session failed; starting a new one");
                sleep(RESTART_BACKOFF);
            }
        }
    }

    /** One consumer and one transactional producer, until stopped or fenced. */
    private void runSession() {
        String bootstrap = config.kafka().bootstrapServers();
        String rawTopic = config.kafka().topics().raw();
        RawLogParser parser = parserForTopicId.apply(TopicIds.idOf(bootstrap, rawTopic));
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(KafkaClientProperties.transactionalProducer(bootstrap, transactionalId));
             KafkaConsumer<byte[], byte[]> consumer =
                     new StaticMemberConsumer(KafkaClientProperties.consumer(bootstrap, config.parser().groupId(),
                             transactionalId, 2000))) {
            this.consumer = consumer;
            consumerMetrics = new KafkaClientMetrics(consumer);
            consumerMetrics.bindTo(metrics.registry);
            producer.initTransactions();
            consumer.subscribe(Set.of(rawTopic));
            log.atInfo().addKeyValue("topic", rawTopic).addKeyValue("transactional_id", transactionalId)
                    .log("parser consuming");
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    processInOneTransaction(records, parser, producer, consumer);
                }
            }
        } finally {
            if (consumerMetrics != null) {
                consumerMetrics.close();
            }
        }
    }

    private void processInOneTransaction(ConsumerRecords<byte[], byte[]> records, RawLogParser parser,
                                         KafkaProducer<byte[], byte[]> producer,
                                         KafkaConsumer<byte[], byte[]> consumer) {
        Map<String, Integer> deadLetters = new HashMap<>();
        producer.beginTransaction();
        try {
            for (ConsumerRecord<byte[], byte[]> raw : records) {
                RawLogParser.Outcome outcome = parser.parse(raw);
                ProducerRecord<byte[], byte[]> next = outcome.record();
                if (outcome.failure() != null) {
                    deadLetters.merge(outcome.failure(), 1, Integer::sum);
                    log.atWarn().addKeyValue("partition", raw.partition()).addKeyValue("offset", raw.offset())
                            .addKeyValue("reason", DeadLetter.header(next.headers(), DeadLetter.ERROR))
                            .addKeyValue(CorrelationId.HEADER, CorrelationId.read(raw.headers()).orElse(null))
                            .log("raw log dead-lettered");
                }
                producer.send(next);
            }
            producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e; // another parser took over this transactional id: this session must end
        } catch (KafkaException e) {
            producer.abortTransaction();
            metrics.abortedTransactions.increment();
            rewind(records, consumer);
            log.atWarn().setCause(e).addKeyValue("records", records.count())
                    .log("transaction aborted; the batch will be processed again");
            return;
        }
        metrics.processed.increment(records.count());
        int failed = deadLetters.values().stream().mapToInt(Integer::intValue).sum();
        metrics.failed.increment(failed);
        deadLetters.forEach((reason, count) -> metrics.deadLettered(reason).increment(count));
        metrics.sent.increment(records.count() - failed);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            var partitionRecords = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(partitionRecords.getLast().offset() + 1));
        }
        return offsets;
    }

    private static void rewind(ConsumerRecords<byte[], byte[]> records, KafkaConsumer<byte[], byte[]> consumer) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).getFirst().offset());
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
