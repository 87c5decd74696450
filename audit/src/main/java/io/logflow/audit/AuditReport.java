package io.logflow.audit;

import java.util.List;

/**
 * What an audit found. {@code accepted} raw logs should equal {@code stored} plus the
 * dead-lettered ones plus the {@code resent} ones, with none missing and none ending twice.
 *
 * @param resent             accepted raw logs that were a client's resend of a log it named
 *                           (same bulk {@code _id} or {@code Idempotency-Key}): stored once, not an error
 * @param foreignDeadLetters dead letters in the writer's topic that no accepted raw log
 *                           explains (records written straight into the parsed topic)
 * @param parsedDuplicates   raw logs the parser published more than once (exactly-once broken)
 */
public record AuditReport(
        long accepted,
        long resent,
        long stored,
        long deadLetteredByParser,
        long deadLetteredByWriter,
        long foreignDeadLetters,
        List<String> missingIds,
        List<String> duplicateIds,
        List<String> parsedDuplicateIds) {

    public boolean balanced() {
        return missingIds.isEmpty() && duplicateIds.isEmpty() && parsedDuplicateIds.isEmpty();
    }

    public long deadLettered() {
        return deadLetteredByParser + deadLetteredByWriter;
    }

    public String summary() {
        return String.format("""
                accepted (raw logs)          %d
                resent by clients (same id)  %d
                stored in Elasticsearch      %d
                dead-lettered by the parser  %d
                dead-lettered by the writer  %d
                missing                      %d%s
                stored or dead-lettered twice %d%s
                parsed twice                 %d%s
                dead letters from elsewhere  %d
                %s""",
                accepted, resent, stored, deadLetteredByParser, deadLetteredByWriter,
                missingIds.size(), sample(missingIds),
                duplicateIds.size(), sample(duplicateIds),
                parsedDuplicateIds.size(), sample(parsedDuplicateIds),
                foreignDeadLetters,
                balanced() ? "BALANCED: every accepted log ended exactly once"
                        : "NOT BALANCED: logs are missing or ended more than once");
    }

    private static String sample(List<String> ids) {
        return ids.isEmpty() ? "" : "   e.g. " + String.join(", ", ids.subList(0, Math.min(5, ids.size())));
    }
}
