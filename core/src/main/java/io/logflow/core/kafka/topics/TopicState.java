package io.logflow.core.kafka.topics;

/** How a topic is in the cluster: its partitions, its smallest replica count, and its settings. */
public record TopicState(int partitions, int replicationFactor, String cleanupPolicy, int minInsyncReplicas) {}
