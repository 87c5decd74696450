package io.logflow.storagewriter;

import io.logflow.core.metrics.StageMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
    /** Dead letters by Elasticsearch's error type, or {@code unindexable}. */
    final Function<String, Counter> deadLettered;

    StorageWriterMetrics(StageMeters meters) {
        ingestToIndexed = meters.timer("storage.writer.ingest.to.indexed",
                "from the ingestor's acceptance of a log to Elasticsearch's acknowledgement of its document");
        bulkDuration = meters.timer("storage.writer.bulk.duration", "bulk request round trips");
        bulkDocuments = meters.histogram("storage.writer.bulk.documents", "documents per bulk request", "documents");
        received = meters.counter("storage.writer.logs.received", "parsed logs consumed");
        stored = meters.counter("storage.writer.logs.stored",
                "logs stored in Elasticsearch (or found already stored)");
        failed = meters.counter("storage.writer.logs.failed",
                "logs Elasticsearch rejected, sent to the dead-letter topic");
        retries = meters.counter("storage.writer.bulk.retries",
                "bulk retry rounds after a transient Elasticsearch failure");
        deadLettered = meters.countersByReason("storage.writer.dead.letters", "parsed logs dead-lettered, by reason");
        Gauge.builder("storage.writer.paused", pausedConsumers, p -> p.get() > 0 ? 1 : 0)
                .description("1 while the writer waits for Elasticsearch to recover").register(meters.registry());
    }
}
