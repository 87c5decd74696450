package io.logflow.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Kafka cluster and an Elasticsearch cluster on this machine, each node a process of its
 * own that a test may kill and start again: what {@code logflow up --cluster} and the
 * failover tests run on. It creates no topics: LogFlow's own {@code logflow topics create}
 * does, as on a real cluster. Closing it, or ending the JVM, stops the stages given to
 * {@link #closeFirst} and then every node.
 */
public final class ClusterStack implements AutoCloseable {

    private final KafkaCluster kafka;
    private final ElasticsearchCluster elasticsearch;
    private final Consumer<String> progress;
    private final StopOrder stopOrder;

    private ClusterStack(KafkaCluster kafka, ElasticsearchCluster elasticsearch, Consumer<String> progress) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.progress = progress;
        this.stopOrder = new StopOrder("cluster-devstack", progress, this::stopServers);
    }

    /**
     * @param dataDir  every node's data lives under it and survives restarts
     * @param ports    as many Kafka and Elasticsearch nodes as it has ports for
     * @param progress told what is happening, for a human watching
     */
    public static ClusterStack start(ServerArtifacts artifacts, Path dataDir, ClusterPorts ports,
                                     Consumer<String> progress) {
        KafkaCluster kafka = KafkaCluster.of(artifacts.kafkaClasspath(), dataDir.resolve("kafka-cluster"),
                ports.kafka(), ports.kafkaControllers());
        ElasticsearchCluster elasticsearch = ElasticsearchCluster.of(ElasticsearchHome.extract(
                artifacts.zip(Store.DEFAULT), Store.DEFAULT), dataDir.resolve("elasticsearch-cluster"), ports.elasticsearch(),
                ports.elasticsearchTransport());
        ClusterStack stack = new ClusterStack(kafka, elasticsearch, progress);
        try {
            long started = System.nanoTime();
            progress.accept("starting " + kafka.size() + " Kafka nodes on " + kafka.bootstrapServers() + " and "
                    + elasticsearch.size() + " Elasticsearch nodes on " + elasticsearch.urls() + " (30-120 s) ...");
            AtOnce.run(List.of(kafka::start, elasticsearch::start));
            progress.accept("Kafka and Elasticsearch clusters ready after "
                    + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public ElasticsearchCluster elasticsearch() {
        return elasticsearch;
    }

    /** Every Kafka node's PLAINTEXT listener, as {@code kafka.brokers} takes them. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Every Elasticsearch node's address, as {@code elasticsearch.url} takes them. */
    public String elasticsearchUrls() {
        return elasticsearch.urls();
    }

    /** Something running on this stack (a stage), closed before the servers it needs are stopped. */
    public <T extends AutoCloseable> T closeFirst(T dependent) {
        return stopOrder.closeFirst(dependent);
    }

    private void stopServers() {
        progress.accept("stopping the Kafka and Elasticsearch clusters ...");
        AtOnce.run(List.of(kafka::stop, elasticsearch::stop));
    }

    @Override
    public void close() {
        stopOrder.close();
    }
}
