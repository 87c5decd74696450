package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.config.ConfigLoader;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicReaderTest {

    /** Like a paused broker: connections are taken, and nothing is ever answered. */
    @Test
    void aKafkaThatNeverAnswersIsSaidClearlyWithinTheToolDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            String brokers = "127.0.0.1:" + silent.getLocalPort();
            long started = System.nanoTime();

            assertThatThrownBy(() -> new TopicReader(ConfigLoader.defaultsWith(Map.of("KAFKA_BROKERS", brokers)).kafka()).read("raw_logs", null, null, record -> {}))
                    .isInstanceOf(KafkaUnreachableException.class)
                    .hasMessageStartingWith("Kafka at " + brokers + " did not answer within 15 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(KafkaUnreachableException.TOOL_DEADLINE.plusSeconds(5));
        }
    }
}
