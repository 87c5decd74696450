package io.logflow.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * Several real Kafka nodes on this machine, each broker and controller at once, the
 * controllers forming one KRaft quorum: with three, one node may die and the cluster goes
 * on. Each node has its own ports and log directory; the cluster's id is kept beside
 * them, so a node whose directory is new joins the same cluster.
 */
public final class KafkaCluster implements AutoCloseable {

    private final List<KafkaBroker> brokers;

    private KafkaCluster(List<KafkaBroker> brokers) {
        this.brokers = brokers;
    }

    /**
     * @param ports           each node's broker port
     * @param controllerPorts each node's controller port, as many
     */
    public static KafkaCluster of(Path classpath, Path dir, List<Integer> ports, List<Integer> controllerPorts) {
        String clusterId = clusterId(dir);
        String voters = IntStream.range(0, ports.size())
                .mapToObj(n -> (n + 1) + "@127.0.0.1:" + controllerPorts.get(n)).collect(Collectors.joining(","));
        return new KafkaCluster(IntStream.range(0, ports.size()).mapToObj(n -> new KafkaBroker(classpath,
                dir.resolve("broker-" + (n + 1)), ports.get(n), controllerPorts.get(n),
                new KafkaBroker.ClusterMember(n + 1, clusterId, voters, ports.size()))).toList());
    }

    private static String clusterId(Path dir) {
        Path file = dir.resolve("cluster.id");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                Files.writeString(file, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new DevStackException("cannot keep the Kafka cluster's id in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Starts every node at once (a controller waits for a majority of the quorum) and returns when all answer. */
    public void start() {
        AtOnce.run(brokers.stream().<Runnable>map(broker -> broker::start).toList());
    }

    /** Every node's PLAINTEXT listener: a client finds the cluster through any that answers. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** Node {@code n}, from 1. */
    public KafkaBroker broker(int n) {
        return brokers.get(n - 1);
    }

    public int size() {
        return brokers.size();
    }

    /** Stops every node at once: one by one, the last would wait out its controlled shutdown without a quorum. */
    public void stop() {
        AtOnce.run(brokers.stream().<Runnable>map(broker -> broker::stop).toList());
    }

    @Override
    public void close() {
        stop();
    }
}
