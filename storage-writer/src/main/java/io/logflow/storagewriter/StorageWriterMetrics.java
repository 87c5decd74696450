package io.logflow.storagewriter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;

/** The writer's counters under the seed's names, and its retry state. */
final class StorageWriterMetrics {

    final Counter received;
    final Counter stored;
    final Counter failed;
    final Counter retries;
    final AtomicInteger pausedConsumers = new AtomicInteger();
    final Timer ingestToIndexed;
    final Timer bulkDuration;
    final DistributionSummary bulkDocuments;
    final MeterRegistry registry;

    /** Dead letters by Elasticsearch's error type, or {@code unindexable}. */
    Counter deadLettered(String reason) {
        return Counter.builder("storage.writer.dead.letters").tag("reason", reason)
                .description("parsed logs dead-lettered, by reason").register(registry);
    }

    StorageWriterMetrics(MeterRegistry registry) {
        this.registry = registry;
        ingestToIndexed = Timer.builder("storage.writer.ingest.to.indexed")
                .description("from the ingestor's acceptance of a log to Elasticsearch's acknowledgement of its document")
                .publishPercentileHistogram().register(registry);
        bulkDuration = Timer.builder("storage.writer.bulk.duration")
                .description("bulk request round trips").publishPercentileHistogram().register(registry);
        bulkDocuments = DistributionSummary.builder("storage.writer.bulk.documents")
                .description("documents per bulk request").baseUnit("documents")
                .publishPercentileHistogram().register(registry);
        received = Counter.builder("storage.writer.logs.received")
                .description("parsed logs consumed").register(registry);
        stored = Counter.builder("storage.writer.logs.stored")
                .description("logs stored in Elasticsearch (or found already stored)").register(registry);
        failed = Counter.builder("storage.writer.logs.failed")
                .description("logs Elasticsearch rejected, sent to the dead-letter topic").register(registry);
        retries = Counter.builder("storage.writer.bulk.retries")
                .description("bulk retry rounds after a transient Elasticsearch failure").register(registry);
        Gauge.builder("storage.writer.paused", pausedConsumers, p -> p.get() > 0 ? 1 : 0)
                .description("1 while the writer waits for Elasticsearch to recover").register(registry);
    }
}
