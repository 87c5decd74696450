package io.logflow.ingestor;

import io.logflow.core.metrics.StageMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ingestor's counters, under the names the seed's dashboards and alerts use. */
final class IngestorMetrics {

    /** The ways in: {@code POST /log}, {@code POST /logs}, Elasticsearch's {@code _bulk}. */
    static final List<String> INPUTS = List.of("log", "logs", "bulk");

    private final Map<String, Counter> received = new HashMap<>();
    final Counter invalid;
    final Counter sent;
    final Counter kafkaFailures;
    final DistributionSummary batchSizes;
    final DistributionSummary requestBytes;

    IngestorMetrics(StageMeters meters) {
        for (String input : INPUTS) {
            received.put(input, Counter.builder("ingestor.logs.received").tag("input", input)
                    .description("logs received, by the input they came through (each log of a batch counts)")
                    .register(meters.registry()));
        }
        invalid = meters.counter("ingestor.invalid.logs", "logs rejected with a 4xx");
        sent = meters.counter("ingestor.logs.sent", "logs Kafka acknowledged (successful hand-offs)");
        kafkaFailures = meters.counter("ingestor.kafka.failures",
                "logs answered 503 because Kafka did not acknowledge them in time");
        requestBytes = meters.histogram("ingestor.request.bytes",
                "request body sizes (after gzip decompression)", "bytes");
        batchSizes = meters.histogram("ingestor.batch.logs", "logs per POST /logs request", "logs");
    }

    /** The received-logs counter of one of {@link #INPUTS}. */
    Counter received(String input) {
        return received.get(input);
    }
}
