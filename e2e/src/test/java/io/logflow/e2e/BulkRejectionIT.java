package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.audit.AuditReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch answering 429 for some items of a bulk: a real server with a write pool of
 * one thread and a queue of one, and logs spread over eight days so that every bulk
 * writes to eight indices at once. The rejected items are retried and stored once.
 */
class BulkRejectionIT {

    private static final long LOGS = 20_000;

    @Test
    void itemsRejectedWith429AreRetriedAndStoredOnce() throws Exception {
        try (TestStack stack = TestStack.start(
                List.of("thread_pool.write.size=1", "thread_pool.write.queue_size=1"),
                Map.of("STORAGE_WRITER_RETRY_INITIAL_BACKOFF_MS", "50",
                        "STORAGE_WRITER_RETRY_MAX_BACKOFF_MS", "1000")).withPipeline()) {
            Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
            LogSender sender = new LogSender(stack.ingestorUrl(), n -> today.minus(n % 8, ChronoUnit.DAYS));
            sender.send(LOGS, 64, 0);
            assertThat(sender.accepted.sum()).isEqualTo(LOGS);

            AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(3));
            assertThat(report.stored()).isEqualTo(LOGS);
            assertThat(report.deadLettered()).as("a 429 is never a reason to dead-letter").isZero();
            assertThat(report.balanced()).as(report.summary()).isTrue();
            String metrics = stack.get("http://127.0.0.1:" + stack.pipeline().storageWriter().port() + "/metrics").body();
            assertThat(metrics).as("Elasticsearch answered 429 and the writer retried")
                    .containsPattern("storage_writer_bulk_retries_total\\{stage=\"storage-writer\"} [1-9]");
            assertThat(stack.documents("logs-*")).isNotEmpty();
            assertThat(stack.get(stack.devStack().elasticsearchUrl() + "/_cat/indices/logs-*?h=index").body().lines())
                    .hasSize(8);
        }
    }
}
