package io.logflow.storagewriter;

import io.logflow.core.kafka.IngestTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores documents until Elasticsearch has taken or refused each one. The documents go
 * in bulk requests of at most {@code bulkMaxBytes}; those Elasticsearch could not take
 * now (429, 5xx, an unreachable cluster) are sent again after a paused wait, the others
 * are never sent twice.
 */
final class RetryingBulk {

    private static final Logger log = LoggerFactory.getLogger(RetryingBulk.class);

    private final BulkIndex index;
    private final long bulkMaxBytes;
    private final PausedRetry retry;
    private final StorageWriterMetrics metrics;
    private final Clock clock;

    RetryingBulk(BulkIndex index, long bulkMaxBytes, PausedRetry retry, StorageWriterMetrics metrics, Clock clock) {
        this.index = index;
        this.bulkMaxBytes = bulkMaxBytes;
        this.retry = retry;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Adds the refused documents to {@code rejected}; returns how many were stored. */
    long store(List<LogDocument> documents, List<Rejection> rejected) {
        long stored = 0;
        List<LogDocument> pending = documents;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                retry.await(attempt, pending.size());
            }
            List<LogDocument> again = new ArrayList<>();
            try {
                Round round = sort(bulk(pending), rejected, again);
                stored += round.stored();
                if (!again.isEmpty()) {
                    log.atWarn().addKeyValue("documents", again.size()).addKeyValue("attempt", attempt)
                            .addKeyValue("reason", round.retryReason())
                            .log("Elasticsearch could not take every document; retrying those");
                }
            } catch (ElasticsearchUnavailableException e) {
                log.atWarn().addKeyValue("documents", pending.size()).addKeyValue("attempt", attempt)
                        .addKeyValue("reason", e.getMessage()).log("bulk request failed; retrying");
                again = pending;
            }
            pending = again;
        }
        return stored;
    }

    private List<BulkItemResult> bulk(List<LogDocument> documents) throws ElasticsearchUnavailableException {
        List<BulkItemResult> results = new ArrayList<>(documents.size());
        for (List<LogDocument> chunk : BulkChunks.split(documents, bulkMaxBytes)) {
            long started = System.nanoTime();
            results.addAll(index.bulk(chunk));
            metrics.bulkDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            metrics.bulkDocuments.record(chunk.size());
        }
        return results;
    }

    /** What one bulk round stored, and the last reason Elasticsearch gave for a document to retry. */
    private record Round(long stored, String retryReason) {}

    /** Each result to stored (counted), rejected or again. */
    private Round sort(List<BulkItemResult> results, List<Rejection> rejected, List<LogDocument> again) {
        long stored = 0;
        long now = clock.millis();
        String retryReason = null;
        for (BulkItemResult result : results) {
            switch (result.outcome()) {
                case STORED -> {
                    stored++;
                    IngestTime.read(result.document().record().headers()).ifPresent(ingestedAt ->
                            metrics.ingestToIndexed.record(Math.max(0, now - ingestedAt), TimeUnit.MILLISECONDS));
                }
                case REJECTED -> rejected.add(Rejection.refused(result));
                case RETRY -> {
                    again.add(result.document());
                    retryReason = result.describeError();
                }
            }
        }
        return new Round(stored, retryReason);
    }
}
