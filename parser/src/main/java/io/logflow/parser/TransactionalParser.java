package io.logflow.parser;

import io.logflow.core.kafka.ConsumerSession;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.kafka.SessionConsumer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once consume-transform-produce. Each polled batch is one Kafka transaction
 * holding its parsed logs, its dead letters and its consumer offsets: either all of them
 * become visible or none do, so a crash anywhere re-processes the batch without a
 * duplicate downstream (consumers read committed records only).
 */
final class TransactionalParser implements ConsumerSession.BatchHandler {

    private static final Logger log = LoggerFactory.getLogger(TransactionalParser.class);

    private final RawLogParser parser;
    private final Producer<byte[], byte[]> producer;
    private final SessionConsumer consumer;
    private final ParserMetrics metrics;

    /** Takes over the producer, whose transactions it initialises, and closes it with the session. */
    TransactionalParser(RawLogParser parser, Producer<byte[], byte[]> producer, SessionConsumer consumer,
                        ParserMetrics metrics) {
        this.parser = parser;
        this.producer = producer;
        this.consumer = consumer;
        this.metrics = metrics;
        producer.initTransactions();
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> batch) {
        Map<String, Integer> deadLetters = new HashMap<>();
        producer.beginTransaction();
        try {
            for (ConsumerRecord<byte[], byte[]> raw : batch) {
                producer.send(parse(raw, deadLetters));
            }
            producer.sendOffsetsToTransaction(SessionConsumer.nextOffsets(batch), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e; // another parser took over this transactional id: this session must end
        } catch (KafkaException e) {
            producer.abortTransaction();
            metrics.abortedTransactions.increment();
            consumer.rewind(batch);
            log.atWarn().setCause(e).addKeyValue("records", batch.count())
                    .log("transaction aborted; the batch will be processed again");
            return;
        }
        count(batch.count(), deadLetters);
    }

    private ProducerRecord<byte[], byte[]> parse(ConsumerRecord<byte[], byte[]> raw, Map<String, Integer> deadLetters) {
        RawLogParser.Outcome outcome = parser.parse(raw);
        if (outcome.failure() != null) {
            deadLetters.merge(outcome.failure(), 1, Integer::sum);
            log.atWarn().addKeyValue("partition", raw.partition()).addKeyValue("offset", raw.offset())
                    .addKeyValue("reason", DeadLetter.header(outcome.record().headers(), DeadLetter.ERROR))
                    .addKeyValue(CorrelationId.HEADER, CorrelationId.read(raw.headers()).orElse(null))
                    .log("raw log dead-lettered");
        }
        return outcome.record();
    }

    /** Counted only once the transaction committed, so a re-processed batch counts once. */
    private void count(int records, Map<String, Integer> deadLetters) {
        metrics.processed.increment(records);
        int failed = deadLetters.values().stream().mapToInt(Integer::intValue).sum();
        metrics.failed.increment(failed);
        deadLetters.forEach((reason, count) -> metrics.deadLettered.apply(reason).increment(count));
        metrics.sent.increment(records - failed);
    }

    @Override
    public void close() {
        producer.close();
    }
}
