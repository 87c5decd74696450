package io.logflow.audit;

import io.logflow.core.log.LogId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The books of an audit: which raw logs were accepted, and what became of each. A raw
 * log must end exactly once, as a document or as a dead letter. Pure: the I/O that
 * fills it is {@link PipelineAudit}'s.
 */
final class AuditLedger {

    private final String rawTopicId;
    private final Set<RawRecord> accepted = new HashSet<>();
    private final Map<RawRecord, Integer> endings = new HashMap<>();
    private final Map<RawRecord, Integer> parsedRecords = new HashMap<>();
    private long stored;
    private long deadLetteredByParser;
    private long deadLetteredByWriter;
    private long foreignDeadLetters;

    AuditLedger(String rawTopicId) {
        this.rawTopicId = rawTopicId;
    }

    record RawRecord(int partition, long offset) {}

    void accepted(int partition, long offset) {
        accepted.add(new RawRecord(partition, offset));
    }

    void stored(String id) {
        ofThisTopic(id).ifPresent(raw -> {
            if (accepted.contains(raw)) {
                stored++;
                endings.merge(raw, 1, Integer::sum);
            }
        });
    }

    void deadLetteredByParser(int partition, long offset) {
        RawRecord raw = new RawRecord(partition, offset);
        if (accepted.contains(raw)) {
            deadLetteredByParser++;
            endings.merge(raw, 1, Integer::sum);
        }
    }

    /** @param id the parsed log's id, or null when the dead letter is not a parsed log at all */
    void deadLetteredByWriter(String id) {
        var raw = id == null ? Optional.<RawRecord>empty() : ofThisTopic(id);
        if (raw.isEmpty()) {
            foreignDeadLetters++;
            return;
        }
        if (accepted.contains(raw.get())) {
            deadLetteredByWriter++;
            endings.merge(raw.get(), 1, Integer::sum);
        }
    }

    void parsed(String id) {
        ofThisTopic(id).filter(accepted::contains).ifPresent(raw -> parsedRecords.merge(raw, 1, Integer::sum));
    }

    private Optional<RawRecord> ofThisTopic(String id) {
        return LogId.parse(id).filter(parsed -> parsed.topicId().equals(rawTopicId))
                .map(parsed -> new RawRecord(parsed.partition(), parsed.offset()));
    }

    AuditReport report() {
        List<String> missing = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (RawRecord raw : accepted) {
            int count = endings.getOrDefault(raw, 0);
            if (count == 0) {
                missing.add(idOf(raw));
            } else if (count > 1) {
                duplicates.add(idOf(raw));
            }
        }
        List<String> parsedDuplicates = parsedRecords.entrySet().stream()
                .filter(entry -> entry.getValue() > 1).map(entry -> idOf(entry.getKey())).sorted().toList();
        missing.sort(null);
        duplicates.sort(null);
        return new AuditReport(accepted.size(), stored, deadLetteredByParser, deadLetteredByWriter, foreignDeadLetters,
                missing, duplicates, parsedDuplicates);
    }

    private String idOf(RawRecord raw) {
        return LogId.of(rawTopicId, raw.partition(), raw.offset());
    }
}
