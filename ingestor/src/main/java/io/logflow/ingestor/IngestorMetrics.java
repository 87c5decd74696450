package io.logflow.ingestor;

import io.logflow.core.metrics.StageMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;

/** The ingestor's counters, under the names the seed's dashboards and alerts use. */
final class IngestorMetrics {

    final Counter received;
    final Counter invalid;
    final Counter sent;
    final Counter kafkaFailures;
    final DistributionSummary batchSizes;
    final DistributionSummary requestBytes;

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
    }
}
