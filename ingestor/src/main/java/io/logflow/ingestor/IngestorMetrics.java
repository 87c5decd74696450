package io.logflow.ingestor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** The ingestor's counters, under the names the seed's dashboards and alerts use. */
final class IngestorMetrics {

    final Counter received;
    final Counter invalid;
    final Counter sent;
    final Counter kafkaFailures;
    final DistributionSummary batchSizes;
    final DistributionSummary requestBytes;

    IngestorMetrics(MeterRegistry registry) {
        received = Counter.builder("ingestor.logs.received")
                .description("logs received, one per POST /log and each of a POST /logs batch").register(registry);
        invalid = Counter.builder("ingestor.invalid.logs")
                .description("logs rejected with a 4xx").register(registry);
        sent = Counter.builder("ingestor.logs.sent")
                .description("logs Kafka acknowledged (successful hand-offs)").register(registry);
        kafkaFailures = Counter.builder("ingestor.kafka.failures")
                .description("logs answered 503 because Kafka did not acknowledge them in time").register(registry);
        requestBytes = DistributionSummary.builder("ingestor.request.bytes")
                .description("request body sizes (after gzip decompression)").baseUnit("bytes")
                .publishPercentileHistogram().register(registry);
        batchSizes = DistributionSummary.builder("ingestor.batch.logs")
                .description("logs per POST /logs request").baseUnit("logs")
                .publishPercentileHistogram().register(registry);
    }
}
