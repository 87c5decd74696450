package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading a topic with Kafka away: no Kafka is needed, only a port where nothing listens. */
class TopicReaderTest {

    @Test
    void kafkaAwayIsSaidClearlyWithinTheToolDeadline() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String brokers = "127.0.0.1:" + closedPort;

        long started = System.nanoTime();
        assertThatThrownBy(() -> new TopicReader(brokers).read("raw_logs", null, null, record -> {}))
                .isInstanceOf(KafkaUnreachableException.class)
                .hasMessageStartingWith("Kafka at " + brokers + " did not answer within 15 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(KafkaUnreachableException.TOOL_DEADLINE.plusSeconds(5));
    }
}
