package io.logflow.core.kafka.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicFindingTest {

    private final LogFlowConfig.Kafka kafka = ConfigLoader.defaultsWith(Map.of()).kafka();

    private static Map<String, TopicState> asConfigured(List<TopicSpec> specs) {
        Map<String, TopicState> states = new HashMap<>();
        specs.forEach(spec -> states.put(spec.name(), new TopicState(spec.partitions(), spec.replicationFactor(),
                spec.cleanupPolicy(), spec.minInsyncReplicas())));
        return states;
    }

    @Test
    void onAClusterOfThreeTheDefaultsAskForThreeReplicasAndTwoInSync() {
        List<TopicSpec> specs = TopicSpec.all(kafka, 3);

        assertThat(specs).extracting(TopicSpec::name)
                .containsExactly("raw_logs", "parsed_logs", "raw_logs_dlq", "parsed_logs_dlq", "logflow_dlq_state");
        assertThat(specs).allSatisfy(spec -> {
            assertThat(spec.replicationFactor()).isEqualTo(3);
            assertThat(spec.minInsyncReplicas()).isEqualTo(2);
        });
        assertThat(specs.getLast().cleanupPolicy()).isEqualTo("compact");
        assertThat(specs.getLast().partitions()).isEqualTo(1);
        assertThat(specs.getFirst().cleanupPolicy()).isEqualTo("delete");
    }

    @Test
    void onOneBrokerReplicationIsCappedAtOne() {
        assertThat(TopicSpec.all(kafka, 1)).allSatisfy(spec -> {
            assertThat(spec.replicationFactor()).isEqualTo(1);
            assertThat(spec.minInsyncReplicas()).isEqualTo(1);
        });
    }

    @Test
    void topicsAsConfiguredHaveNoFinding() {
        List<TopicSpec> specs = TopicSpec.all(kafka, 3);

        assertThat(TopicFinding.compare(specs, asConfigured(specs))).isEmpty();
    }

    @Test
    void eachKindOfDifferenceIsReportedWithItsFix() {
        List<TopicSpec> specs = TopicSpec.all(kafka, 3);
        Map<String, TopicState> states = asConfigured(specs);
        states.remove("raw_logs");
        states.put("parsed_logs", new TopicState(1, 3, "delete", 2));
        states.put("raw_logs_dlq", new TopicState(3, 1, "delete", 1));
        states.put("logflow_dlq_state", new TopicState(1, 3, "delete", 2));

        List<TopicFinding> findings = TopicFinding.compare(specs, states);

        assertThat(findings).extracting(TopicFinding::topic, TopicFinding::fixedByCreate).containsExactly(
                tuple("raw_logs", true),
                tuple("parsed_logs", true),
                tuple("raw_logs_dlq", false),
                tuple("raw_logs_dlq", true),
                tuple("logflow_dlq_state", false));
        assertThat(findings.get(0).problem()).isEqualTo("does not exist");
        assertThat(findings.get(1).problem()).startsWith("has 1 partitions, fewer than the 3 configured");
        assertThat(findings.get(2).problem()).startsWith("has replication factor 1, less than the 3 configured");
        assertThat(findings.get(3).problem()).startsWith("has min.insync.replicas=1, fewer than the 2");
        assertThat(findings.get(4).problem()).isEqualTo("has cleanup.policy=delete, not compact");
        assertThat(findings.get(4).fix()).contains("--add-config cleanup.policy=compact");
    }
}
