package io.logflow.dlq;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.kafka.KafkaClientProperties;
import io.logflow.core.kafka.ToolAdmin;
import io.logflow.core.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What has been done with each dead letter, kept in a compacted Kafka topic (key: the dead
 * letter's topic-partition-offset; value: {@code replayed} or {@code archived} and when),
 * so that every operator's machine sees the same state. Only a write creates the topic:
 * looking ({@code ls}, {@code show}, a dry run) changes nothing in Kafka.
 */
final class DeadLetterState implements AutoCloseable {

    static final String REPLAYED = "replayed";
    static final String ARCHIVED = "archived";

    private final LogFlowConfig.Kafka kafka;
    private final String topic;
    private KafkaProducer<byte[], byte[]> producer;

    DeadLetterState(LogFlowConfig.Kafka kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** Dead letter key → its state ({@code replayed ...} or {@code archived ...}); empty while nothing was marked. */
    Map<String, String> load() {
        Map<String, String> states = new HashMap<>();
        if (exists()) {
            new TopicReader(kafka).read(topic, null, null, record -> put(states, record));
        }
        return states;
    }

    /** Adds what one record of the state topic says; a later record of the same key wins, as compaction keeps it. */
    static void put(Map<String, String> states, ConsumerRecord<byte[], byte[]> record) {
        if (record.key() != null && record.value() != null) {
            states.put(new String(record.key(), StandardCharsets.UTF_8), new String(record.value(), StandardCharsets.UTF_8));
        }
    }

    /** Records {@code state} for the dead letter {@code key}, creating the state topic on the first write. */
    void mark(String key, String state) throws ExecutionException, InterruptedException {
        if (producer == null) {
            createIfMissing();
            producer = new KafkaProducer<>(KafkaClientProperties.producer(kafka, "logflow-dlq-state"));
        }
        producer.send(record(topic, key, state, Instant.now())).get();
    }

    static ProducerRecord<byte[], byte[]> record(String topic, String key, String state, Instant at) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                (state + " " + at).getBytes(StandardCharsets.UTF_8));
    }

    private boolean exists() {
        try {
            ask(admin -> admin.describeTopics(Set.of(topic)).allTopicNames());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new DeadLetterToolException("cannot look up the state topic " + topic + ": " + e.getCause().getMessage());
        }
    }

    private void createIfMissing() {
        try {
            ask(admin -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new DeadLetterToolException("cannot create the state topic " + topic + ": " + e.getCause().getMessage());
            }
        }
    }

    /**
     * Asks Kafka one question and waits for the answer; its refusal is the caller's to judge,
     * its silence or a refusal of LogFlow's credentials the tool's error.
     */
    private <T> T ask(Function<Admin, KafkaFuture<T>> question) throws ExecutionException {
        try (ToolAdmin admin = new ToolAdmin(kafka)) {
            return admin.call(question);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterToolException("interrupted");
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
