package io.logflow.dlq;

import static io.logflow.dlq.DeadLetterFixtures.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    private static final Instant AT = Instant.parse("2026-11-27T08:00:00.123Z");

    @Test
    void isNamedByItsTopicPartitionAndOffset() {
        assertThat(deadLetter(2, 41, AT, Map.of()).key()).isEqualTo("raw_logs_dlq-2-41");
    }

    @Test
    void readsWhyWhereAndWhoFromItsHeaders() {
        DeadLetterRecord record = deadLetter(0, 0, AT, Map.of(
                DeadLetter.ERROR, "timestamp '2024-02-31' is not a valid date",
                DeadLetter.STAGE, "parser",
                DeadLetter.ORIGINAL_TOPIC, "raw_logs",
                CorrelationId.HEADER, "req-1"));

        assertThat(record.reason()).isEqualTo("timestamp '2024-02-31' is not a valid date");
        assertThat(record.stage()).isEqualTo("parser");
        assertThat(record.originalTopic()).isEqualTo("raw_logs");
        assertThat(record.correlationId()).isEqualTo("req-1");
        assertThat(record.timestamp()).isEqualTo(AT);
    }

    @Test
    void withoutHeadersItHasNoReasonAnUnknownStageAndNoOrigin() {
        DeadLetterRecord record = deadLetter(0, 0, AT, Map.of());

        assertThat(record.reason()).isEmpty();
        assertThat(record.stage()).isEqualTo("unknown");
        assertThat(record.originalTopic()).isNull();
        assertThat(record.correlationId()).isNull();
    }

    @Test
    void headersAreTextInTheOrderTheyCame() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("z", "last letter");
        headers.put(DeadLetter.ERROR, "bad");
        headers.put("a", "first letter");

        assertThat(deadLetter(0, 0, AT, headers).headers()).containsExactly(
                Map.entry("z", "last letter"), Map.entry(DeadLetter.ERROR, "bad"), Map.entry("a", "first letter"));
    }
}
