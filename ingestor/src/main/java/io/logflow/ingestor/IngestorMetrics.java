package io.logflow.ingestor;

import io.logflow.core.metrics.StageMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.function.Function;

/**
 * The ingestor's counters, under the names the seed's dashboards and alerts use; the
 * {@code input} series split the received and rejected logs by the door they came in
 * through ({@code log}, {@code logs}, {@code otlp}, ...) without renaming those.
 */
public final class IngestorMetrics {

    final Counter received;
    final Counter invalid;
    final Counter sent;
    final Counter kafkaFailures;
    final DistributionSummary batchSizes;
    final DistributionSummary requestBytes;
    private final Function<String, Counter> receivedByInput;
    private final Function<String, Counter> rejectedByInput;

    IngestorMetrics(StageMeters meters) {
        received = meters.counter("ingestor.logs.received",
                "logs received, one per POST /log and each of a POST /logs batch");
        invalid = meters.counter("ingestor.invalid.logs", "logs rejected with a 4xx");
        sent = meters.counter("ingestor.logs.sent", "logs Kafka acknowledged (successful hand-offs)");
        kafkaFailures = meters.counter("ingestor.kafka.failures",
                "logs answered 503 because Kafka did not acknowledge them in time");
        requestBytes = meters.histogram("ingestor.request.bytes",
                "request body sizes (after gzip decompression)", "bytes");
        batchSizes = meters.histogram("ingestor.batch.logs", "logs per POST /logs request", "logs");
        receivedByInput = meters.countersByTag("ingestor.input.logs.received", "input",
                "logs received, by the input they came in through");
        rejectedByInput = meters.countersByTag("ingestor.input.logs.rejected", "input",
                "logs rejected at the door, by the input they came in through");
        for (String input : new String[] {"log", "logs", "otlp"}) {
            // every input's series exists from the start, so that a dashboard shows a quiet input as 0
            receivedByInput.apply(input);
        }
        rejectedByInput.apply("otlp");
    }

    /** Logs that came in through {@code input}: counted in the total and in the input's own series. */
    public void received(String input, int logs) {
        received.increment(logs);
        receivedByInput.apply(input).increment(logs);
    }

    /** Logs of {@code input} rejected by the input itself (the accept path counts the ones it rejects). */
    public void rejected(String input, int logs) {
        invalid.increment(logs);
        rejectedByInput.apply(input).increment(logs);
    }

    /** Logs of {@code input} that the accept path rejected (already counted as invalid there). */
    public void rejectedByAcceptPath(String input, int logs) {
        rejectedByInput.apply(input).increment(logs);
    }

    /** The request body sizes, whatever the input. */
    public void requestBytes(int bytes) {
        requestBytes.record(bytes);
    }
}
