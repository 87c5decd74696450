package io.logflow.core.kafka.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One way a topic differs from its {@link TopicSpec}, with what to do about it.
 * {@code fixedByCreate} says whether {@code logflow topics create} mends it.
 */
public record TopicFinding(String topic, String problem, String fix, boolean fixedByCreate) {

    /** What is wrong with the topics, compared with how they should be; empty when nothing is. */
    public static List<TopicFinding> compare(List<TopicSpec> specs, Map<String, TopicState> states) {
        List<TopicFinding> findings = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicState state = states.get(spec.name());
            if (state == null) {
                findings.add(new TopicFinding(spec.name(), "does not exist", "run 'logflow topics create'", true));
            } else {
                compare(spec, state, findings);
            }
        }
        return findings;
    }

    private static void compare(TopicSpec spec, TopicState state, List<TopicFinding> findings) {
        String topic = spec.name();
        if (state.partitions() < spec.partitions()) {
            findings.add(new TopicFinding(topic, "has " + state.partitions() + " partitions, fewer than the "
                    + spec.partitions() + " configured (kafka.partitions)",
                    "run 'logflow topics create': it adds partitions (LogFlow's records have no keys, so none moves)",
                    true));
        }
        if (state.replicationFactor() < spec.replicationFactor()) {
            findings.add(new TopicFinding(topic, "has replication factor " + state.replicationFactor() + ", less than the "
                    + spec.replicationFactor() + " configured for this cluster: losing a broker can lose accepted logs",
                    "add replicas with kafka-reassign-partitions.sh", false));
        }
        if (!spec.cleanupPolicy().equals(state.cleanupPolicy())) {
            findings.add(new TopicFinding(topic, "has cleanup.policy=" + state.cleanupPolicy() + ", not "
                    + spec.cleanupPolicy(), "kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                    + " --add-config cleanup.policy=" + spec.cleanupPolicy(), false));
        }
        if (state.minInsyncReplicas() < spec.minInsyncReplicas()) {
            findings.add(new TopicFinding(topic, "has min.insync.replicas=" + state.minInsyncReplicas() + ", fewer than the "
                    + spec.minInsyncReplicas() + " configured: an acknowledged log may live on one broker only",
                    "run 'logflow topics create': it raises min.insync.replicas", true));
        }
    }
}
