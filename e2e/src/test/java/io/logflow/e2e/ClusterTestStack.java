package io.logflow.e2e;

import io.logflow.audit.AuditReport;
import io.logflow.cli.ClusterDevStack;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.devstack.ClusterPorts;
import io.logflow.devstack.ElasticsearchCluster;
import io.logflow.devstack.KafkaCluster;
import io.logflow.devstack.Ports;
import io.logflow.devstack.StageProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The cluster devstack (3 Kafka nodes, 2 Elasticsearch nodes, the topics replicated 3 times
 * with min.insync.replicas 2) on free ports in a temporary directory, and LogFlow's stages
 * against it, as many instances of each as a test starts, each in a process of its own.
 */
final class ClusterTestStack implements AutoCloseable {

    private final Path dir;
    private final ClusterDevStack cluster;
    private final Map<String, String> environment;
    private final List<String> stageOptions;

    private ClusterTestStack(Path dir, ClusterDevStack cluster, Map<String, String> environment,
                             List<String> stageOptions) {
        this.dir = dir;
        this.cluster = cluster;
        this.environment = environment;
        this.stageOptions = stageOptions;
    }

    /**
     * @param settings   LogFlow options for the stages and the audit, as environment variables
     * @param configYaml a configuration file every stage reads ({@code --config}), for what no
     *                   environment variable can say (Kafka client properties)
     */
    static ClusterTestStack start(Map<String, String> settings, String configYaml) throws IOException, InterruptedException {
        // Elasticsearch may run as another user (it refuses root), who must be able to enter it
        Path dir = Files.createTempDirectory("logflow-cluster-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path config = Files.writeString(dir.resolve("stages.yaml"), configYaml);
        ClusterDevStack cluster = ClusterDevStack.start(ConfigLoader.load(config, settings), dir,
                ClusterPorts.free(3, 2), message -> System.out.println("cluster devstack: " + message));
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("KAFKA_BROKERS", cluster.servers().bootstrapServers());
        environment.put("ELASTICSEARCH_URL", cluster.servers().elasticsearchUrls());
        return new ClusterTestStack(dir, cluster, Map.copyOf(environment), List.of("--config", config.toString()));
    }

    /** The configuration the stages and the audit run with. */
    LogFlowConfig config() {
        return cluster.config();
    }

    KafkaCluster kafka() {
        return cluster.servers().kafka();
    }

    ElasticsearchCluster elasticsearch() {
        return cluster.servers().elasticsearch();
    }

    /** An instance of a stage in a process of its own, on a port of its own; {@code name} names its output file. */
    StageProcess stage(String role, String name) {
        int port = Ports.freePort();
        Map<String, String> stageEnvironment = new HashMap<>(environment);
        stageEnvironment.put(role.toUpperCase().replace('-', '_') + "_HTTP_PORT", Integer.toString(port));
        Path distribution = Path.of(System.getProperty("logflow.project.dir"), "cli", "target");
        return cluster.servers().closeFirst(new StageProcess(distribution, role, stageOptions, name, port,
                stageEnvironment, dir));
    }

    /** The node (from 1) that leads a partition of a topic. */
    int leaderOf(String topic, int partition) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().get(partition).leader().id();
        }
    }

    /** Whether every partition of LogFlow's topics has all its replicas in sync again. */
    boolean fullyReplicated() {
        try (Admin admin = admin()) {
            return admin.describeTopics(config().kafka().topics().all()).allTopicNames().get(10, TimeUnit.SECONDS)
                    .values().stream().flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.isr().size() == partition.replicas().size());
        } catch (Exception notYet) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.servers().bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    AuditReport awaitAuditWithNothingMissing(Duration timeout) {
        return TestStack.awaitAuditWithNothingMissing(config(), timeout);
    }

    @Override
    public void close() throws IOException {
        cluster.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
