package io.logflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.config.ConfigLoader;
import io.logflow.core.kafka.KafkaUnreachableException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit with Kafka away: no Kafka is needed, only a port where nothing listens. */
class PipelineAuditTest {

    @Test
    void kafkaAwayIsSaidClearlyWithinItsDeadline() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String brokers = "127.0.0.1:" + closedPort;
        PipelineAudit audit = new PipelineAudit(ConfigLoader.defaultsWith(Map.of("KAFKA_BROKERS", brokers)), message -> {});

        long started = System.nanoTime();
        assertThatThrownBy(() -> audit.run(null, null))
                .isInstanceOf(KafkaUnreachableException.class)
                .hasMessage("Kafka at " + brokers + " did not answer within 15 s: is it running, and is kafka.brokers right?");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(KafkaUnreachableException.TOOL_DEADLINE.plusSeconds(5));
    }
}
