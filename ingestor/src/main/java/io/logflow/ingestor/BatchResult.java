package io.logflow.ingestor;

import io.logflow.core.log.ValidationError;
import java.util.Arrays;
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

    static final class Builder {

        private final LogResult[] results;
        private int accepted;
        private int rejected;
        private int unavailable;

        Builder(int logs) {
            results = new LogResult[logs];
        }

        void rejected(int position, List<ValidationError> errors) {
            rejected++;
            results[position] = new LogResult(position, "rejected", null, null, errors, null);
        }

        void published(int position, RawLogPublisher.Outcome outcome) {
            if (outcome.published()) {
                accepted++;
                results[position] = new LogResult(position, "accepted", outcome.record().partition(),
                        outcome.record().offset(), null, null);
            } else {
                unavailable++;
                results[position] = new LogResult(position, "unavailable", null, null, null, outcome.failure());
            }
        }

        BatchResult build(String correlationId) {
            return new BatchResult(accepted, rejected, unavailable, rejected + unavailable > 0, correlationId,
                    Arrays.asList(results));
        }
    }
}
