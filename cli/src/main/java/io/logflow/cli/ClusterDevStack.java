package io.logflow.cli;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.kafka.topics.KafkaTopics;
import io.logflow.core.kafka.topics.TopicSpec;
import io.logflow.devstack.ClusterPorts;
import io.logflow.devstack.ClusterStack;
import io.logflow.devstack.ServerArtifacts;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The cluster devstack ({@code logflow up --cluster}, the failover tests): a Kafka cluster
 * and an Elasticsearch cluster on this machine, with LogFlow's topics made on it by the
 * code of {@code logflow topics create}, replicated as the configuration says
 * ({@code kafka.replication_factor}, {@code kafka.min_insync_replicas}).
 */
public record ClusterDevStack(ClusterStack servers, LogFlowConfig config) implements AutoCloseable {

    /** @param settings LogFlow's configuration; its Kafka and Elasticsearch addresses are replaced by the cluster's */
    public static ClusterDevStack start(LogFlowConfig settings, Path dataDir, ClusterPorts ports,
                                        Consumer<String> progress) throws InterruptedException {
        ClusterStack servers = ClusterStack.start(ServerArtifacts.locate(), dataDir, ports, progress);
        try {
            LogFlowConfig onCluster = settings.withServers(servers.bootstrapServers(), servers.elasticsearchUrls());
            try (KafkaTopics topics = new KafkaTopics(onCluster.kafka())) {
                var specs = TopicSpec.all(onCluster.kafka(), topics.brokers());
                topics.create(specs).forEach(progress);
                progress.accept("topics ready: replication factor " + specs.getFirst().replicationFactor()
                        + ", min.insync.replicas " + specs.getFirst().minInsyncReplicas());
            }
            return new ClusterDevStack(servers, onCluster);
        } catch (RuntimeException | InterruptedException e) {
            servers.close();
            throw e;
        }
    }

    @Override
    public void close() {
        servers.close();
    }
}
