package io.logflow.dlq;

import io.logflow.core.kafka.KafkaClientProperties;
import io.logflow.core.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What has been done with each dead letter, kept in a compacted Kafka topic (key: the dead
 * letter's topic-partition-offset; value: {@code replayed} or {@code archived} and when),
 * so that every operator's machine sees the same state.
 */
final class DeadLetterState implements AutoCloseable {

    static final String REPLAYED = "replayed";
    static final String ARCHIVED = "archived";

    private final String bootstrapServers;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    DeadLetterState(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        createIfMissing();
        this.producer = new KafkaProducer<>(KafkaClientProperties.producer(bootstrapServers, "logflow-dlq-state"));
    }

    /** Dead letter key → its state ({@code replayed ...} or {@code archived ...}). */
    Map<String, String> load() {
        Map<String, String> states = new HashMap<>();
        new TopicReader(bootstrapServers).read(topic, null, null, record -> {
            if (record.key() != null && record.value() != null) {
                states.put(new String(record.key(), StandardCharsets.UTF_8), new String(record.value(), StandardCharsets.UTF_8));
            }
        });
        return states;
    }

    void mark(String key, String state) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                (state + " " + Instant.now()).getBytes(StandardCharsets.UTF_8))).get();
    }

    private void createIfMissing() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new DeadLetterToolException("cannot create the state topic " + topic + ": " + e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterToolException("interrupted");
        } catch (TimeoutException e) {
            throw new DeadLetterToolException("Kafka at " + bootstrapServers + " did not answer within 15 s: is it running, and is kafka.brokers right?");
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
