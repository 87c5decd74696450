package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.audit.AuditReport;
import io.logflow.devstack.StageProcess;
import io.logflow.parser.ParserStage;
import io.logflow.storagewriter.StorageWriterStage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to an ingestor under load: the requests it is serving finish with their answer,
 * later ones are refused, and the logs in Kafka are exactly the ones clients heard 200 for,
 * each stored once.
 */
class IngestorDrainIT {

    private static final long LOGS = 12_000;

    @Test
    void sigtermUnderLoadAnswersEveryLogItTookAndLosesNone() throws Exception {
        try (TestStack stack = TestStack.start()) {
            stack.devStack().closeFirst(ParserStage.start(stack.config()));
            stack.devStack().closeFirst(StorageWriterStage.start(stack.config()));
            StageProcess ingestor = stack.stageProcess("ingestor").start();
            LogSender sender = new LogSender("http://127.0.0.1:" + ingestor.port());
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    sender.send(LOGS, 64, 3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> sender.sent.sum() >= LOGS / 3);
            System.out.println("SIGTERM to the ingestor after " + sender.sent.sum() + " logs sent");
            assertThat(ingestor.stop()).as("the ingestor's exit code after SIGTERM").isEqualTo(143);
            sending.get();
            System.out.println("sender: " + sender);

            assertThat(sender.accepted.sum()).as("logs accepted before the stop").isGreaterThanOrEqualTo(LOGS / 3 - 64);
            assertThat(sender.accepted.sum() + sender.unavailable.sum()).as("logs answered").isLessThan(LOGS);
            AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(2));
            assertThat(report.accepted()).as("logs in Kafka = logs answered 200").isEqualTo(sender.accepted.sum());
            assertThat(report.stored()).isEqualTo(sender.accepted.sum());
            assertThat(report.balanced()).as(report.summary()).isTrue();

            ingestor.start();
            assertThat(stack.post("http://127.0.0.1:" + ingestor.port() + "/log", "application/json",
                    "{\"timestamp\":\"2026-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"after the restart\"}")
                    .statusCode()).isEqualTo(200);
        }
    }
}
