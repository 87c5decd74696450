package io.logflow.dlq;

import static io.logflow.dlq.DeadLetterFixtures.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

    private static final Instant AT = Instant.parse("2026-11-27T08:00:00Z");
    private static final DeadLetterRecord RECORD = deadLetter(1, 10, AT, Map.of(
            DeadLetter.ERROR, "mapper_parsing_exception: failed to parse field [metadata.code]",
            CorrelationId.HEADER, "req-7"));
    private static final Map<String, String> NO_STATES = Map.of();

    private static DeadLetterFilter filter(Pattern reason, Instant since, Instant until, Integer partition,
                                           Long fromOffset, Long toOffset, String correlationId) {
        return new DeadLetterFilter(reason, since, until, partition, fromOffset, toOffset, correlationId, false);
    }

    @Test
    void everythingMatchesAnyDeadLetterWhateverItsState() {
        assertThat(DeadLetterFilter.everything().matches(RECORD, Map.of(RECORD.key(), "replayed 2026-11-27T09:00:00Z")))
                .isTrue();
    }

    @Test
    void theReasonIsARegularExpressionFoundAnywhereInIt() {
        assertThat(filter(Pattern.compile("parsing|mapp"), null, null, null, null, null, null).matches(RECORD, NO_STATES))
                .isTrue();
        assertThat(filter(Pattern.compile("^failed"), null, null, null, null, null, null).matches(RECORD, NO_STATES))
                .isFalse();
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() {
        assertThat(filter(null, AT, null, null, null, null, null).matches(RECORD, NO_STATES)).isTrue();
        assertThat(filter(null, AT.plusMillis(1), null, null, null, null, null).matches(RECORD, NO_STATES)).isFalse();
        assertThat(filter(null, null, AT, null, null, null, null).matches(RECORD, NO_STATES)).isFalse();
        assertThat(filter(null, null, AT.plusMillis(1), null, null, null, null).matches(RECORD, NO_STATES)).isTrue();
    }

    @Test
    void partitionMustBeTheDeadLettersOwn() {
        assertThat(filter(null, null, null, 1, null, null, null).matches(RECORD, NO_STATES)).isTrue();
        assertThat(filter(null, null, null, 0, null, null, null).matches(RECORD, NO_STATES)).isFalse();
    }

    @Test
    void bothOffsetBoundsAreInclusive() {
        assertThat(filter(null, null, null, null, 10L, 10L, null).matches(RECORD, NO_STATES)).isTrue();
        assertThat(filter(null, null, null, null, 11L, null, null).matches(RECORD, NO_STATES)).isFalse();
        assertThat(filter(null, null, null, null, null, 9L, null).matches(RECORD, NO_STATES)).isFalse();
    }

    @Test
    void theCorrelationIdMustBeEqual() {
        assertThat(filter(null, null, null, null, null, null, "req-7").matches(RECORD, NO_STATES)).isTrue();
        assertThat(filter(null, null, null, null, null, null, "req-70").matches(RECORD, NO_STATES)).isFalse();
    }

    @Test
    void pendingOnlyLeavesOutWhatWasReplayedOrArchived() {
        DeadLetterFilter pending = new DeadLetterFilter(null, null, null, null, null, null, null, true);

        assertThat(pending.matches(RECORD, NO_STATES)).isTrue();
        assertThat(pending.matches(RECORD, Map.of(RECORD.key(), "archived 2026-11-27T09:00:00Z"))).isFalse();
        assertThat(pending.matches(RECORD, Map.of("raw_logs_dlq-1-11", "replayed 2026-11-27T09:00:00Z"))).isTrue();
    }
}
