package io.logflow.ingestor;

import io.logflow.core.metrics.StageMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ingestor's counters, under the names the seed's dashboards and alerts use; the logs
 * received carry the input they came in through ({@code input} tag), so that a sum over
 * the tag is the seed's series.
 */
public final class IngestorMetrics {

    /** The ways in: {@code POST /log}, {@code POST /logs}, Elasticsearch's {@code _bulk}, OTLP/HTTP. */
    static final List<String> INPUTS = List.of("log", "logs", "bulk", "otlp");

    private final Map<String, Counter> received = new HashMap<>();
    final Counter invalid;
    final Counter sent;
    final Counter kafkaFailures;
    final Counter memoryRefusals;
    final DistributionSummary batchSizes;
    final DistributionSummary requestBytes;
    final Function<String, Counter> authFailures;

    IngestorMetrics(StageMeters meters) {
        Function<String, Counter> receivedThrough = meters.countersByTag("ingestor.logs.received", "input",
                "logs received, by the input they came through (each log of a batch counts)");
        for (String input : INPUTS) {
            // every input's series exists from the start, so that a dashboard shows a quiet input as 0
            received.put(input, receivedThrough.apply(input));
        }
        invalid = meters.counter("ingestor.invalid.logs", "logs rejected with a 4xx");
        sent = meters.counter("ingestor.logs.sent", "logs Kafka acknowledged (successful hand-offs)");
        kafkaFailures = meters.counter("ingestor.kafka.failures",
                "logs answered 503 because Kafka did not acknowledge them in time");
        memoryRefusals = meters.counter("ingestor.memory.refusals", "requests answered 429 (or 413) because"
                + " the requests in progress held ingestor.max_request_memory_bytes (or this one alone needed more)");
        requestBytes = meters.histogram("ingestor.request.bytes",
                "request body sizes (after gzip decompression)", "bytes");
        authFailures = meters.countersByReason("ingestor.auth.failures",
                "requests refused at the door: no, a malformed, an unknown or revoked, a wrong key; or over its rate");
        batchSizes = meters.histogram("ingestor.batch.logs", "logs per POST /logs request", "logs");
    }

    /** The received-logs counter of one of {@link #INPUTS}. */
    Counter received(String input) {
        return received.get(input);
    }

    /** Logs that came in through {@code input}, one of {@link #INPUTS}. */
    public void received(String input, int logs) {
        received(input).increment(logs);
    }

    /** Logs an input refused itself, before the accept path (which counts the ones it refuses). */
    public void rejected(int logs) {
        invalid.increment(logs);
    }

    /** A request body's size, whatever the input. */
    public void requestBytes(int bytes) {
        requestBytes.record(bytes);
    }
}
