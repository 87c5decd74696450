package io.logflow.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.kafka.SessionConsumer;
import io.logflow.core.log.LogNormalizer;
import io.logflow.core.metrics.StageMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class TransactionalParserTest {

    private static final TopicPartition PARTITION = new TopicPartition("raw_logs", 0);
    private static final String VALID = "{\"timestamp\":\"2026-11-28T07:00:00Z\",\"level\":\"info\",\"message\":\"m\"}";
    private static final String BAD_DATE = "{\"timestamp\":\"2026-02-31T07:00:00Z\",\"level\":\"info\",\"message\":\"m\"}";

    private final MockConsumer<byte[], byte[]> kafka = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TransactionalParser parser = new TransactionalParser(
            new RawLogParser(new LogNormalizer("1.0.0"), "TOPICID", "parsed_logs", "raw_logs_dlq",
                    Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC)),
            producer, new SessionConsumer(kafka, () -> true), new ParserMetrics(new StageMeters(registry)));

    private ConsumerRecords<byte[], byte[]> batch(String... values) {
        kafka.assign(List.of(PARTITION));
        kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
        for (int offset = 0; offset < values.length; offset++) {
            kafka.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, offset, null,
                    values[offset].getBytes(StandardCharsets.UTF_8)));
        }
        return kafka.poll(Duration.ZERO);
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void aBatchIsOneTransactionWithItsParsedLogsDeadLettersAndOffsets() {
        parser.handle(batch(VALID, BAD_DATE, VALID));

        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("parsed_logs", "raw_logs_dlq", "parsed_logs");
        assertThat(producer.consumerGroupOffsetsHistory()).singleElement()
                .satisfies(offsets -> assertThat(offsets.values().iterator().next().get(PARTITION).offset()).isEqualTo(3));
        assertThat(count("parser.logs.processed")).isEqualTo(3);
        assertThat(count("parser.logs.sent")).isEqualTo(2);
        assertThat(count("parser.logs.failed")).isEqualTo(1);
    }

    @Test
    void aTransactionKafkaRefusesIsAbortedAndTheBatchRewoundUncounted() {
        ConsumerRecords<byte[], byte[]> batch = batch(VALID, VALID);
        producer.commitTransactionException = new KafkaException("coordinator unavailable");

        parser.handle(batch);

        assertThat(producer.transactionAborted()).isTrue();
        assertThat(kafka.position(PARTITION)).as("the next poll returns the batch again").isZero();
        assertThat(count("parser.transactions.aborted")).isEqualTo(1);
        assertThat(count("parser.logs.processed")).isZero();
    }

    @Test
    void aFencedParserEndsItsSession() {
        ConsumerRecords<byte[], byte[]> batch = batch(VALID);
        producer.fenceProducer();

        assertThatThrownBy(() -> parser.handle(batch)).isInstanceOf(ProducerFencedException.class);
        assertThat(count("parser.transactions.aborted")).isZero();
    }

    @Test
    void closingTheSessionClosesItsProducer() {
        parser.close();

        assertThat(producer.closed()).isTrue();
    }
}
