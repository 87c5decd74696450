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
 * log must end exactly once, as a document or as a dead letter. A log its client named
 * (a bulk {@code _id}, an {@code Idempotency-Key}) may be accepted more than once, when
 * the client resent it; all its raw records are one log, which ends once, as the one
 * document they share (or as dead letters). Pure: the I/O that fills it is
 * {@link PipelineAudit}'s.
 */
final class AuditLedger {

    private final String rawTopicId;
    private final Set<RawRecord> accepted = new HashSet<>();
    private final Map<RawRecord, Integer> endings = new HashMap<>();
    private final Map<RawRecord, Integer> parsedRecords = new HashMap<>();
    /** Raw records of client-named logs, by client key; and each such record's key. */
    private final Map<String, List<RawRecord>> named = new HashMap<>();
    private final Map<RawRecord, String> keyOfNamed = new HashMap<>();
    private final Map<String, Integer> namedEndings = new HashMap<>();
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

    /** @param clientKey the key of the log's client-given name, null when it has none */
    void accepted(int partition, long offset, String clientKey) {
        if (clientKey == null) {
            accepted(partition, offset);
            return;
        }
        RawRecord raw = new RawRecord(partition, offset);
        named.computeIfAbsent(clientKey, key -> new ArrayList<>()).add(raw);
        keyOfNamed.put(raw, clientKey);
    }

    void stored(String id) {
        Optional<String> clientKey = LogId.clientKey(id, rawTopicId);
        if (clientKey.isPresent()) {
            if (named.containsKey(clientKey.get())) {
                stored++;
                namedEndings.merge(clientKey.get(), 1, Integer::sum);
            }
            return;
        }
        ofThisTopic(id).ifPresent(raw -> {
            if (accepted.contains(raw)) {
                stored++;
                endings.merge(raw, 1, Integer::sum);
            }
        });
    }

    void deadLetteredByParser(int partition, long offset) {
        RawRecord raw = new RawRecord(partition, offset);
        if (keyOfNamed.containsKey(raw)) {
            deadLetteredByParser++;
            namedEndings.merge(keyOfNamed.get(raw), 1, Integer::sum);
        } else if (accepted.contains(raw)) {
            deadLetteredByParser++;
            endings.merge(raw, 1, Integer::sum);
        }
    }

    /** @param id the parsed log's id, or null when the dead letter is not a parsed log at all */
    void deadLetteredByWriter(String id) {
        Optional<String> clientKey = id == null ? Optional.empty() : LogId.clientKey(id, rawTopicId);
        if (clientKey.isPresent() && named.containsKey(clientKey.get())) {
            deadLetteredByWriter++;
            namedEndings.merge(clientKey.get(), 1, Integer::sum);
            return;
        }
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
        long resent = 0;
        for (Map.Entry<String, List<RawRecord>> log : named.entrySet()) {
            // its resends may each have been dead-lettered; stored, it is one document whatever the resends
            if (namedEndings.getOrDefault(log.getKey(), 0) == 0) {
                missing.add(LogId.ofClient(rawTopicId, log.getKey()));
            }
            resent += log.getValue().size() - 1;
        }
        List<String> parsedDuplicates = parsedRecords.entrySet().stream()
                .filter(entry -> entry.getValue() > 1).map(entry -> idOf(entry.getKey())).sorted().toList();
        missing.sort(null);
        duplicates.sort(null);
        return new AuditReport(accepted.size() + keyOfNamed.size(), resent, stored, deadLetteredByParser, deadLetteredByWriter, foreignDeadLetters,
                missing, duplicates, parsedDuplicates);
    }

    private String idOf(RawRecord raw) {
        return LogId.of(rawTopicId, raw.partition(), raw.offset());
    }
}
