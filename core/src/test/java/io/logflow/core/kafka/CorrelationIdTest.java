package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CorrelationIdTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theRequestIdComesFirstThenTheCorrelationIdThenTheTraceId() {
        assertThat(CorrelationId.choose("req-1", "corr-1", TRACEPARENT)).isEqualTo("req-1");
        assertThat(CorrelationId.choose(null, "corr-1", TRACEPARENT)).isEqualTo("corr-1");
        assertThat(CorrelationId.choose(null, null, TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void unusableIdsAreIgnoredAndANewOneIsMade() {
        String made = CorrelationId.choose("has spaces", "x".repeat(200), "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01");
        assertThat(made).matches("[0-9a-f]{32}");
        assertThat(CorrelationId.choose(null, null, null)).matches("[0-9a-f]{32}").isNotEqualTo(made);
        assertThat(CorrelationId.choose("", null, "garbage")).matches("[0-9a-f]{32}");
    }

    @Test
    void travelsAsAKafkaHeader() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(CorrelationId.read(headers)).isEmpty();
        headers.add(CorrelationId.HEADER, CorrelationId.encode("abc-1"));
        assertThat(CorrelationId.read(headers)).hasValue("abc-1");
    }
}
