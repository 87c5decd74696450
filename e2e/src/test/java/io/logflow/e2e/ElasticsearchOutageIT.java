package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.audit.AuditReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch stopped for 60 s under load, then started again: the writer pauses and
 * retries, dead-letters nothing, and stores every log once Elasticsearch is back.
 */
class ElasticsearchOutageIT {

    private static final long LOGS = 30_000;
    private static final double LOGS_PER_SECOND = 300; // 100 s of traffic: before, during and after the outage
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void anOutageOfElasticsearchDeadLettersNothingAndEveryLogIsStoredAfterwards() throws Exception {
        try (TestStack stack = TestStack.start(java.util.List.of(),
                java.util.Map.of("STORAGE_WRITER_RETRY_MAX_BACKOFF_MS", "5000")).withPipeline()) {
            LogSender sender = new LogSender(stack.ingestorUrl());
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    sender.send(LOGS, 32, LOGS_PER_SECOND);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // under load: the writer is storing logs when Elasticsearch goes away
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !stack.documents("logs-*").isEmpty());
            System.out.println("stopping Elasticsearch after " + sender.sent.sum() + " logs sent");
            stack.devStack().elasticsearch().stop();
            Thread.sleep(OUTAGE); // not a wait for something: the outage itself
            String writerMetrics = stack.get("http://127.0.0.1:" + stack.pipeline().storageWriter().port() + "/metrics").body();
            assertThat(writerMetrics).contains("storage_writer_paused{stage=\"storage-writer\"} 1.0");
            System.out.println("starting Elasticsearch again after " + sender.sent.sum() + " logs sent");
            stack.devStack().elasticsearch().start();
            sending.get();
            System.out.println("sender: " + sender);
            assertThat(sender.accepted.sum()).isEqualTo(LOGS);

            AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(3));
            assertThat(report.deadLettered()).as("dead letters caused by the outage").isZero();
            assertThat(report.accepted()).isEqualTo(LOGS);
            assertThat(report.stored()).isEqualTo(LOGS);
            assertThat(report.balanced()).as(report.summary()).isTrue();
            String metrics = stack.get("http://127.0.0.1:" + stack.pipeline().storageWriter().port() + "/metrics").body();
            assertThat(metrics).containsPattern("storage_writer_bulk_retries_total\\{stage=\"storage-writer\"} [1-9]")
                    .contains("storage_writer_paused{stage=\"storage-writer\"} 0.0")
                    .contains("storage_writer_logs_failed_total{stage=\"storage-writer\"} 0.0");
        }
    }
}
