package io.logflow.dlq;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which dead letters an operator means: by reason (a regular expression), time, partition,
 * offsets or correlation id; and whether those already replayed or archived count.
 */
public record DeadLetterFilter(Pattern reason, Instant since, Instant until, Integer partition, Long fromOffset,
                               Long toOffset, String correlationId, boolean pendingOnly) {

    public static DeadLetterFilter everything() {
        return new DeadLetterFilter(null, null, null, null, null, null, null, false);
    }

    boolean matches(DeadLetterRecord deadLetter, Map<String, String> states) {
        var record = deadLetter.record();
        return (reason == null || reason.matcher(deadLetter.reason()).find())
                && (since == null || !deadLetter.timestamp().isBefore(since))
                && (until == null || deadLetter.timestamp().isBefore(until))
                && (partition == null || record.partition() == partition)
                && (fromOffset == null || record.offset() >= fromOffset)
                && (toOffset == null || record.offset() <= toOffset)
                && (correlationId == null || correlationId.equals(deadLetter.correlationId()))
                && (!pendingOnly || !states.containsKey(deadLetter.key()));
    }
}
