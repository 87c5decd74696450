package io.logflow.core.kafka.topics;

import io.logflow.core.config.LogFlowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How one of LogFlow's topics should be: its partitions, replication and the settings its
 * guarantees rest on. The pipeline's topics are plain logs (their records have no keys,
 * so they cannot be compacted); the dead-letter state topic is compacted (one record per
 * dead letter, the last state wins).
 */
public record TopicSpec(String name, int partitions, int replicationFactor, String cleanupPolicy,
                        int minInsyncReplicas) {

    /** Every topic LogFlow needs, for a cluster of {@code brokers} brokers: replication is capped at that number. */
    public static List<TopicSpec> all(LogFlowConfig.Kafka kafka, int brokers) {
        int replication = Math.max(1, Math.min(kafka.replicationFactor(), brokers));
        int minInsync = Math.max(1, Math.min(kafka.minInsyncReplicas(), replication));
        List<TopicSpec> specs = new ArrayList<>();
        for (String topic : kafka.topics().all()) {
            specs.add(new TopicSpec(topic, kafka.partitions(), replication, TopicConfig.CLEANUP_POLICY_DELETE, minInsync));
        }
        specs.add(new TopicSpec(kafka.topics().dlqState(), 1, replication, TopicConfig.CLEANUP_POLICY_COMPACT, minInsync));
        return specs;
    }

    Map<String, String> configs() {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
    }
}
