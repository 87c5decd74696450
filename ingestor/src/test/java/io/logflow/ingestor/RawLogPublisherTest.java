package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.IngestTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The ingestor's hand-off to Kafka, with the client's MockProducer in Kafka's place. */
class RawLogPublisherTest {

    private static final byte[] LOG = "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"hi\"}"
            .getBytes(StandardCharsets.UTF_8);

    private MockProducer<byte[], byte[]> producer;

    private RawLogPublisher publisher(boolean kafkaAcknowledges, Duration deadline, long maxInFlightBytes) {
        producer = new MockProducer<>(kafkaAcknowledges, null, new ByteArraySerializer(), new ByteArraySerializer());
        return new RawLogPublisher(producer, "raw_logs", deadline, maxInFlightBytes);
    }

    /** One log, the way {@code POST /log} hands it over, and what became of it. */
    private RawLogPublisher.Outcome publishOne(RawLogPublisher publisher, String correlationId) {
        return publisher.publishOne(LOG, null, correlationId, null).join();
    }

    @Test
    void anAcknowledgedLogSaysWhereKafkaPutIt() throws Exception {
        RawLogPublisher publisher = publisher(true, Duration.ofSeconds(1), 1 << 20);

        RecordMetadata first = publishOne(publisher, "req-1").record();
        RecordMetadata second = publishOne(publisher, "req-2").record();

        assertThat(first.topic()).isEqualTo("raw_logs");
        assertThat(first.hasOffset()).isTrue();
        assertThat(second.partition()).isEqualTo(first.partition());
        assertThat(second.offset()).isEqualTo(first.offset() + 1);
    }

    @Test
    void theLogGoesAsSentWithItsIngestTimeAndCorrelationId() throws Exception {
        RawLogPublisher publisher = publisher(true, Duration.ofSeconds(1), 1 << 20);
        long before = System.currentTimeMillis();

        publishOne(publisher, "req-1");

        ProducerRecord<byte[], byte[]> sent = producer.history().getFirst();
        assertThat(sent.topic()).isEqualTo("raw_logs");
        assertThat(sent.value()).isEqualTo(LOG);
        assertThat(CorrelationId.read(sent.headers())).hasValue("req-1");
        assertThat(IngestTime.read(sent.headers()).getAsLong()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void aLogKafkaRefusesIsUnavailableWithKafkasReason() {
        RawLogPublisher publisher = publisher(false, Duration.ofSeconds(10), 1 << 20);
        CompletableFuture<RawLogPublisher.Outcome> publishing = publisher.publishOne(LOG, null, "req-1", null);
        assertThat(publishing).as("nothing waits for Kafka's answer").isNotDone();

        producer.errorNext(new NotEnoughReplicasException("not enough replicas"));

        assertThat(publishing.join().failure()).isEqualTo("Kafka refused the log: not enough replicas");
    }

    @Test
    void aLogKafkaDoesNotAcknowledgeInTimeIsUnavailable() {
        RawLogPublisher publisher = publisher(false, Duration.ofMillis(200), 1 << 20);

        assertThat(publishOne(publisher, "req-1").failure()).isEqualTo("Kafka did not acknowledge within 200 ms");
    }

    @Test
    void theProducersOwnDeliveryTimeoutSaysTheSameAsTheDeadline() {
        RawLogPublisher publisher = publisher(false, Duration.ofSeconds(10), 1 << 20);
        CompletableFuture<RawLogPublisher.Outcome> publishing = publisher.publishOne(LOG, null, "req-1", null);

        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException(
                "Expiring 1 record(s) for raw_logs-0:10003 ms has passed since batch creation"));

        assertThat(publishing.join().failure()).isEqualTo("Kafka did not acknowledge within 10000 ms");
    }

    @Test
    void aProducerThatThrowsOnSendIsUnavailableToo() {
        RawLogPublisher publisher = publisher(true, Duration.ofSeconds(1), 1 << 20);
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("metadata not available");

        assertThat(publishOne(publisher, "req-1").failure()).contains("metadata not available");
    }

    @Test
    void aBatchWaitsForAllItsLogsWithinOneDeadlineNotOneEach() {
        RawLogPublisher publisher = publisher(false, Duration.ofMillis(500), 1 << 20);
        long started = System.nanoTime();

        List<RawLogPublisher.Outcome> outcomes = publishAll(publisher, List.of(LOG, LOG, LOG, LOG, LOG, LOG, LOG, LOG), "req-1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(outcomes).hasSize(8).allSatisfy(outcome -> {
            assertThat(outcome.published()).isFalse();
            assertThat(outcome.failure()).isEqualTo("Kafka did not acknowledge within 500 ms");
        });
    }

    @Test
    void overTheInFlightBoundALogIsRefusedAtOnceUntilKafkaAnswers() throws Exception {
        RawLogPublisher publisher = publisher(false, Duration.ofSeconds(1), LOG.length + LOG.length / 2);

        List<RawLogPublisher.Outcome> outcomes = publishAll(publisher, List.of(LOG, LOG), "req-1");

        assertThat(producer.history()).as("only the first reached the producer").hasSize(1);
        assertThat(outcomes.get(0).failure()).isEqualTo("Kafka did not acknowledge within 1000 ms");
        assertThat(outcomes.get(1).failure())
                .isEqualTo("the ingestor already has " + (LOG.length + LOG.length / 2) + " bytes of logs waiting for Kafka");

        producer.completeNext();
        CompletableFuture<RawLogPublisher.Outcome> afterwards = publisher.publishOne(LOG, null, "req-2", null);
        assertThat(producer.history()).hasSize(2);
        producer.completeNext();
        assertThat(afterwards.get().published()).as("Kafka's answer released the bound").isTrue();
    }

    @Test
    void aLogThatIsRefusedOnSendGivesItsBytesBack() throws Exception {
        RawLogPublisher publisher = publisher(true, Duration.ofSeconds(1), LOG.length);
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("metadata not available");
        assertThat(publishOne(publisher, "req-1").published()).isFalse();

        producer.sendException = null;

        assertThat(publishOne(publisher, "req-2").record().hasOffset()).isTrue();
    }

    private static List<RawLogPublisher.Outcome> publishAll(RawLogPublisher publisher, List<byte[]> logs,
                                                            String correlationId) {
        RawLogPublisher.Batch batch = publisher.batch();
        logs.forEach(log -> batch.send(log, null, correlationId));
        return batch.await();
    }
}
