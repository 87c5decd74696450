package io.logflow.core.kafka;

import io.logflow.core.config.LogFlowConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic's committed records between two moments, without a consumer group:
 * the audit and the dead-letter tool look and change nothing.
 */
public final class TopicReader {

    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final LogFlowConfig.Kafka kafka;

    public TopicReader(LogFlowConfig.Kafka kafka) {
        this.kafka = kafka;
    }

    /**
     * @return how many records were read
     * @throws KafkaUnreachableException when Kafka does not answer a metadata request in time
     * @throws KafkaAccessRefusedException when Kafka refused LogFlow's credentials or TLS
     */
    public long read(String topic, Instant since, Instant until, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        return read(topic, since, until, Long.MAX_VALUE, each);
    }

    /** The same, stopping after {@code limit} records: a bounded look at a busy topic. */
    public long read(String topic, Instant since, Instant until, long limit,
                     Consumer<ConsumerRecord<byte[], byte[]>> each) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            var info = consumer.partitionsFor(topic);
            if (info == null || info.isEmpty()) {
                throw new KafkaException("topic '" + topic + "' does not exist");
            }
            List<TopicPartition> partitions = info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = offsetsAt(consumer, partitions, since, consumer.beginningOffsets(partitions));
            Map<TopicPartition, Long> end = offsetsAt(consumer, partitions, until, consumer.endOffsets(partitions));
            start.forEach(consumer::seek);
            return readUpTo(consumer, end, limit, each);
        } catch (TimeoutException e) {
            throw new KafkaUnreachableException(kafka.bootstrapServers(), e);
        } catch (AuthenticationException e) {
            throw KafkaAccessRefusedException.in(kafka, e).orElseThrow();
        } finally {
            // no group and nothing to commit: nothing worth waiting for a silent Kafka
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    private Properties consumerProperties() {
        Properties props = KafkaClientProperties.common(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KafkaUnreachableException.TOOL_DEADLINE.toMillis());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KafkaUnreachableException.TOOL_DEADLINE.toMillis());
        return props;
    }

    /** Polls until every partition reached its end offset; a partition silent for a minute is an error. */
    private static long readUpTo(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, long limit,
                                 Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long read = 0;
        long lastProgress = System.nanoTime();
        while (read < limit && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            var records = consumer.poll(Duration.ofMillis(500));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (read < limit && record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                    read++;
                }
            }
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                throw new KafkaException("reading " + end.keySet() + " stalled for " + STALL_LIMIT.toSeconds() + " s");
            }
        }
        return read;
    }

    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<byte[], byte[]> consumer,
                                                       List<TopicPartition> partitions, Instant moment,
                                                       Map<TopicPartition, Long> otherwise) {
        if (moment == null) {
            return otherwise;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, moment.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            offsets.put(partition, at == null ? end.get(partition) : at.offset());
        }
        return offsets;
    }
}
