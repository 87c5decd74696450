package io.logflow.dlq;

import static io.logflow.dlq.DeadLetterFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterStateTest {

    private static ConsumerRecord<byte[], byte[]> stateRecord(long offset, byte[] key, byte[] value) {
        return new ConsumerRecord<>("logflow_dlq_state", 0, offset, key, value);
    }

    @Test
    void aMarkIsKeyedByTheDeadLetterAndSaysWhatAndWhen() {
        ProducerRecord<byte[], byte[]> mark = DeadLetterState.record("logflow_dlq_state", "raw_logs_dlq-0-5",
                DeadLetterState.ARCHIVED, Instant.parse("2026-11-27T08:00:00Z"));

        assertThat(mark.topic()).isEqualTo("logflow_dlq_state");
        assertThat(new String(mark.key(), StandardCharsets.UTF_8)).isEqualTo("raw_logs_dlq-0-5");
        assertThat(new String(mark.value(), StandardCharsets.UTF_8)).isEqualTo("archived 2026-11-27T08:00:00Z");
    }

    @Test
    void theLastMarkOfADeadLetterIsItsState() {
        Map<String, String> states = new HashMap<>();
        DeadLetterState.put(states, stateRecord(0, utf8("raw_logs_dlq-0-5"), utf8("replayed 2026-11-27T08:00:00Z")));
        DeadLetterState.put(states, stateRecord(1, utf8("raw_logs_dlq-0-6"), utf8("archived 2026-11-27T08:01:00Z")));
        DeadLetterState.put(states, stateRecord(2, utf8("raw_logs_dlq-0-5"), utf8("archived 2026-11-27T08:02:00Z")));

        assertThat(states).containsOnly(
                Map.entry("raw_logs_dlq-0-5", "archived 2026-11-27T08:02:00Z"),
                Map.entry("raw_logs_dlq-0-6", "archived 2026-11-27T08:01:00Z"));
    }

    @Test
    void recordsWithoutKeyOrValueChangeNothing() {
        Map<String, String> states = new HashMap<>(Map.of("raw_logs_dlq-0-5", "replayed 2026-11-27T08:00:00Z"));
        DeadLetterState.put(states, stateRecord(3, null, utf8("archived 2026-11-27T08:02:00Z")));
        DeadLetterState.put(states, stateRecord(4, utf8("raw_logs_dlq-0-5"), null));

        assertThat(states).containsOnly(Map.entry("raw_logs_dlq-0-5", "replayed 2026-11-27T08:00:00Z"));
    }
}
