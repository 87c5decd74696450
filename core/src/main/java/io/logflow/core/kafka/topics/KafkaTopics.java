package io.logflow.core.kafka.topics;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.kafka.KafkaUnreachableException;
import io.logflow.core.kafka.ToolAdmin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** LogFlow's topics in a Kafka cluster: how they are, and making them as they should be. */
public final class KafkaTopics implements AutoCloseable {

    private final ToolAdmin admin;

    public KafkaTopics(LogFlowConfig.Kafka kafka) {
        this.admin = new ToolAdmin(kafka);
    }

    public int brokers() throws InterruptedException {
        return call("describe the cluster", admin -> admin.describeCluster().nodes()).size();
    }

    /**
     * The topics that exist among {@code names}, as they are. On a cluster, a topic just
     * created may be known to one broker and not yet to another: it counts as missing until
     * both its description and its settings can be read.
     */
    public Map<String, TopicState> describe(Collection<String> names) throws InterruptedException {
        Map<String, TopicState> states = new HashMap<>();
        for (String name : names) {
            TopicDescription description = ifExists(name, "describe topic",
                    admin -> admin.describeTopics(Set.of(name)).topicNameValues().get(name));
            Config config = description == null ? null : ifExists(name, "read the settings of",
                    admin -> admin.describeConfigs(Set.of(resource(name))).values().get(resource(name)));
            if (config == null) {
                continue;
            }
            int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            states.put(name, new TopicState(description.partitions().size(), replicas,
                    config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(),
                    Integer.parseInt(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())));
        }
        return states;
    }

    /**
     * Creates the topics that are missing, adds partitions to those with fewer and raises
     * min.insync.replicas where it is lower; never removes, lowers or deletes anything.
     *
     * @return what was done, one line each
     */
    public List<String> create(List<TopicSpec> specs) throws InterruptedException {
        Map<String, TopicState> states = describe(specs.stream().map(TopicSpec::name).toList());
        List<String> done = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicState state = states.get(spec.name());
            if (state == null) {
                createTopic(spec);
                created.add(spec.name());
                done.add("created " + spec.name() + " (" + spec.partitions() + " partitions, replication factor "
                        + spec.replicationFactor() + ", min.insync.replicas " + spec.minInsyncReplicas() + ", cleanup.policy "
                        + spec.cleanupPolicy() + ")");
                continue;
            }
            if (state.partitions() < spec.partitions()) {
                call("add partitions to " + spec.name(), admin -> admin.createPartitions(
                        Map.of(spec.name(), NewPartitions.increaseTo(spec.partitions()))).all());
                done.add("added partitions to " + spec.name() + ": " + state.partitions() + " -> " + spec.partitions());
            }
            if (state.minInsyncReplicas() < spec.minInsyncReplicas()) {
                AlterConfigOp raise = new AlterConfigOp(new ConfigEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        Integer.toString(spec.minInsyncReplicas())), AlterConfigOp.OpType.SET);
                call("set min.insync.replicas of " + spec.name(), admin -> admin.incrementalAlterConfigs(
                        Map.of(resource(spec.name()), List.of(raise))).all());
                done.add("raised min.insync.replicas of " + spec.name() + ": " + state.minInsyncReplicas() + " -> "
                        + spec.minInsyncReplicas());
            }
        }
        awaitVisible(created);
        return done;
    }

    /** A created topic is known to every broker a moment later; until then it seems not to exist. */
    private void awaitVisible(List<String> created) throws InterruptedException {
        long giveUpAt = System.nanoTime() + KafkaUnreachableException.TOOL_DEADLINE.toNanos();
        while (describe(created).size() < created.size()) {
            if (System.nanoTime() > giveUpAt) {
                throw new KafkaException("Kafka created " + created + " but does not show them after "
                        + KafkaUnreachableException.TOOL_DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private void createTopic(TopicSpec spec) throws InterruptedException {
        try {
            admin.call(admin -> admin.createTopics(List.of(new NewTopic(spec.name(), spec.partitions(),
                    (short) spec.replicationFactor()).configs(spec.configs()))).all());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // another instance created it meanwhile
                throw new KafkaException("cannot create topic " + spec.name() + ": " + e.getCause().getMessage(), e);
            }
        }
    }

    /** What {@code call} gives for topic {@code name}; null if Kafka says there is no such topic. */
    private <T> T ifExists(String name, String what, Function<Admin, KafkaFuture<T>> call) throws InterruptedException {
        try {
            return admin.call(call);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw new KafkaException("cannot " + what + " " + name + ": " + e.getCause().getMessage(), e);
        }
    }

    private <T> T call(String what, Function<Admin, KafkaFuture<T>> call) throws InterruptedException {
        try {
            return admin.call(call);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot " + what + ": " + e.getCause().getMessage(), e);
        }
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    @Override
    public void close() {
        admin.close();
    }
}
