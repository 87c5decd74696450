package io.logflow.storagewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.kafka.SessionConsumer;
import io.logflow.core.log.IndexMode;
import io.logflow.core.log.LogStorage;
import io.logflow.core.metrics.StageMeters;
import io.logflow.core.retry.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The writer's store-and-retry, item by item, against a scripted Elasticsearch and Kafka's mock clients. */
class BatchWriterTest {

    private static final TopicPartition PARTITION = new TopicPartition("parsed_logs", 0);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);

    private final MockConsumer<byte[], byte[]> kafka = new MockConsumer<>("earliest");
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final SessionConsumer consumer = new SessionConsumer(kafka, running::get);
    private final MockProducer<byte[], byte[]> deadLetterTopic =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StorageWriterMetrics metrics = new StorageWriterMetrics(new StageMeters(registry));
    /** Elasticsearch's answers, one function per bulk request: document id to item status. */
    private final Deque<Function<String, Integer>> answers = new ArrayDeque<>();
    private final List<List<String>> bulkRequests = new ArrayList<>();
    /** An answer that is no answer: the request fails as a whole. */
    private static final Function<String, Integer> UNREACHABLE = id -> 0;

    private final BulkIndex elasticsearch = documents -> {
        bulkRequests.add(documents.stream().map(LogDocument::id).toList());
        Function<String, Integer> answer = answers.isEmpty() ? id -> 201 : answers.poll();
        if (answer == UNREACHABLE) {
            throw new ElasticsearchUnavailableException("connection refused", null);
        }
        return documents.stream().map(document -> {
            int status = answer.apply(document.id());
            return new BulkItemResult(document, status, status == 201 ? null : errorType(status),
                    status == 201 ? null : "scripted");
        }).toList();
    };

    private static String errorType(int status) {
        return status == 429 ? "es_rejected_execution_exception" : "document_parsing_exception";
    }

    private BatchWriter writer(MockProducer<byte[], byte[]> deadLetters) {
        PausedRetry retry = new PausedRetry(consumer, new Backoff(1, 4, new Random(3)), metrics);
        return new BatchWriter(new LogDocumentBuilder(new LogStorage(IndexMode.DAILY, "logs"), "1.0.0", CLOCK),
                new RetryingBulk(elasticsearch, 5_000_000, retry, metrics, CLOCK),
                new DeadLetterSender(deadLetters, "parsed_logs_dlq", retry, CLOCK), retry, consumer, metrics);
    }

    /** A polled batch of parsed logs with ids log-0, log-1, ...; a null value is a record that is no log at all. */
    private ConsumerRecords<byte[], byte[]> batch(String... values) {
        kafka.assign(List.of(PARTITION));
        kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
        for (int offset = 0; offset < values.length; offset++) {
            byte[] value = values[offset] == null ? null : values[offset].getBytes(StandardCharsets.UTF_8);
            kafka.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, offset, null, value));
        }
        return kafka.poll(Duration.ZERO);
    }

    private static String log(int n) {
        return "{\"id\":\"log-" + n + "\",\"timestamp\":\"2026-11-28T07:00:00Z\",\"timestamp_ms\":1795849200000,"
                + "\"message\":\"m" + n + "\"}";
    }

    private Long committed() {
        var offsets = kafka.committed(Set.of(PARTITION));
        return offsets.isEmpty() ? null : offsets.get(PARTITION).offset();
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void aBatchElasticsearchTakesIsStoredInOneRequestAndCommitted() throws Exception {
        writer(deadLetterTopic).handle(batch(log(0), log(1), log(2)));

        assertThat(bulkRequests).containsExactly(List.of("log-0", "log-1", "log-2"));
        assertThat(committed()).isEqualTo(3);
        assertThat(count("storage.writer.logs.stored")).isEqualTo(3);
        assertThat(deadLetterTopic.history()).isEmpty();
        assertThat(kafka.paused()).isEmpty();
    }

    @Test
    void onlyTheDocumentsAnswered429AreSentAgainWithTheConsumerPaused() throws Exception {
        answers.add(id -> id.equals("log-1") || id.equals("log-3") ? 429 : 201);
        answers.add(id -> id.equals("log-3") ? 429 : 201);

        writer(deadLetterTopic).handle(batch(log(0), log(1), log(2), log(3)));

        assertThat(bulkRequests).containsExactly(List.of("log-0", "log-1", "log-2", "log-3"),
                List.of("log-1", "log-3"), List.of("log-3"));
        assertThat(count("storage.writer.bulk.retries")).isEqualTo(2);
        assertThat(count("storage.writer.logs.stored")).isEqualTo(4);
        assertThat(deadLetterTopic.history()).as("a 429 is never a reason to dead-letter").isEmpty();
        assertThat(committed()).isEqualTo(4);
        assertThat(kafka.paused()).as("resumed once all were stored").isEmpty();
        assertThat(registry.get("storage.writer.paused").gauge().value()).isZero();
    }

    @Test
    void aMappingConflictInTheMiddleIsDeadLetteredAndTheRestStored() throws Exception {
        answers.add(id -> id.equals("log-1") ? 400 : 201);

        writer(deadLetterTopic).handle(batch(log(0), log(1), log(2)));

        assertThat(bulkRequests).hasSize(1);
        assertThat(deadLetterTopic.history()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo("parsed_logs_dlq");
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo(log(1));
            assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_OFFSET)).isEqualTo("1");
            assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.STAGE)).isEqualTo("storage-writer");
            assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ERROR))
                    .startsWith("elasticsearch rejected the document: 400 document_parsing_exception");
        });
        assertThat(count("storage.writer.logs.stored")).isEqualTo(2);
        assertThat(count("storage.writer.logs.failed")).isEqualTo(1);
        assertThat(registry.get("storage.writer.dead.letters").tag("reason", "document_parsing_exception")
                .counter().count()).isEqualTo(1);
        assertThat(committed()).isEqualTo(3);
    }

    @Test
    void aRecordThatIsNoDocumentIsDeadLetteredWithoutABulkRequestOfItsOwn() throws Exception {
        writer(deadLetterTopic).handle(batch(log(0), "not json", log(2)));

        assertThat(bulkRequests).containsExactly(List.of("log-0", "log-2"));
        assertThat(deadLetterTopic.history()).singleElement()
                .satisfies(d -> assertThat(DeadLetter.header(d.headers(), DeadLetter.ORIGINAL_OFFSET)).isEqualTo("1"));
        assertThat(registry.get("storage.writer.dead.letters").tag("reason", "unindexable").counter().count())
                .isEqualTo(1);
        assertThat(committed()).isEqualTo(3);
    }

    @Test
    void anUnreachableElasticsearchIsRetriedUntilItAnswers() throws Exception {
        answers.add(UNREACHABLE);
        answers.add(UNREACHABLE);

        writer(deadLetterTopic).handle(batch(log(0), log(1)));

        assertThat(bulkRequests).hasSize(3).allSatisfy(ids -> assertThat(ids).containsExactly("log-0", "log-1"));
        assertThat(count("storage.writer.logs.stored")).isEqualTo(2);
        assertThat(committed()).isEqualTo(2);
    }

    @Test
    void aDeadLetterTheTopicRefusesIsSentAgainAndOnlyThenTheBatchCommitted() throws Exception {
        MockProducer<byte[], byte[]> flakyTopic =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        answers.add(id -> 400);
        CompletableFuture<Void> handled = CompletableFuture.runAsync(() -> {
            try {
                writer(flakyTopic).handle(batch(log(0)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> flakyTopic.history().size() == 1);
        assertThat(flakyTopic.errorNext(new TimeoutException("dead-letter topic unavailable"))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> flakyTopic.history().size() == 2);
        assertThat(committed()).as("nothing committed before the dead letter is in Kafka").isNull();
        assertThat(flakyTopic.completeNext()).isTrue();
        handled.get();

        List<ProducerRecord<byte[], byte[]>> sent = flakyTopic.history();
        assertThat(sent.get(1).value()).isEqualTo(sent.get(0).value());
        assertThat(committed()).isEqualTo(1);
        assertThat(count("storage.writer.bulk.retries")).isEqualTo(1);
    }

    @Test
    void aStopDuringARetryCommitsNothing() {
        answers.add(id -> 429);
        answers.add(id -> {
            running.set(false);
            return 429;
        });

        assertThatThrownBy(() -> writer(deadLetterTopic).handle(batch(log(0), log(1))))
                .isInstanceOf(WakeupException.class);

        assertThat(committed()).isNull();
        assertThat(count("storage.writer.logs.stored")).isZero();
        assertThat(deadLetterTopic.history()).isEmpty();
    }
}
