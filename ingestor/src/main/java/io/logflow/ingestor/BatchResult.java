package io.logflow.ingestor;

import io.logflow.core.log.ValidationError;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a batch: how many logs were accepted, rejected (invalid) or unavailable
 * (Kafka did not take them: send those again), and what became of each, by position.
 */
record BatchResult(int accepted, int rejected, int unavailable, boolean errors, String correlationId,
                   List<LogResult> results) {

    /** One log of the batch; {@code partition} and {@code offset} when accepted, the reason otherwise. */
    record LogResult(int position, String status, Integer partition, Long offset,
                     List<ValidationError> validationErrors, String error) {}

    static BatchResult of(List<LogAcceptor.Verdict> verdicts, String correlationId) {
        List<LogResult> results = new ArrayList<>(verdicts.size());
        int accepted = 0;
        int rejected = 0;
        for (int position = 0; position < verdicts.size(); position++) {
            LogAcceptor.Verdict verdict = verdicts.get(position);
            if (verdict.accepted()) {
                accepted++;
                results.add(new LogResult(position, "accepted", verdict.record().partition(), verdict.record().offset(),
                        null, null));
            } else if (verdict.rejected()) {
                rejected++;
                results.add(new LogResult(position, "rejected", null, null, verdict.errors(), null));
            } else {
                results.add(new LogResult(position, "unavailable", null, null, null, verdict.unavailable()));
            }
        }
        int unavailable = verdicts.size() - accepted - rejected;
        return new BatchResult(accepted, rejected, unavailable, accepted < verdicts.size(), correlationId, results);
    }
}
