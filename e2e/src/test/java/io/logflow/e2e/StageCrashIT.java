package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.audit.AuditReport;
import io.logflow.devstack.StageProcess;
import io.logflow.ingestor.IngestorStage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * kill -9 the parser, then the storage writer, twice each, while logs flow (16,000 between two
 * kills and after the last); each is started again. Every accepted log must end exactly once.
 */
class StageCrashIT {

    /** logs sent between two kills, and after the last restart */
    private static final long LOGS_BETWEEN_KILLS = 16_000;
    /** an upper bound only: the sender is stopped after the last restart */
    private static final long MOST_LOGS = 400_000;
    private static final double LOGS_PER_SECOND = 2_500;

    @Test
    void killingTheParserAndTheWriterMidStreamLosesNothingAndStoresNothingTwice() throws Exception {
        try (TestStack stack = TestStack.start()) {
            IngestorStage ingestor = stack.devStack().closeFirst(IngestorStage.start(stack.config()));
            StageProcess parser = stack.stageProcess("parser").start();
            StageProcess writer = stack.stageProcess("storage-writer").start();
            LogSender sender = new LogSender("http://127.0.0.1:" + ingestor.port());
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    sender.send(MOST_LOGS, 64, LOGS_PER_SECOND);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            long sendingSince = System.nanoTime();
            // each kill waits for logs sent since the previous restart, however long a restart took on a busy machine
            for (StageProcess victim : List.of(parser, writer, parser, writer)) {
                awaitMoreLogsSent(sender, sending);
                System.out.printf("kill -9 %s after %d logs sent, %d ms in%n",
                        victim == parser ? "parser" : "storage-writer", sender.sent.sum(), (System.nanoTime() - sendingSince) / 1_000_000);
                victim.kill();
                // kill() returns once it is gone; logs keep coming during the seconds it takes to start again
                long restarting = System.nanoTime();
                victim.start();
                System.out.printf("restarted after %d logs sent, in %d ms%n", sender.sent.sum(),
                        (System.nanoTime() - restarting) / 1_000_000);
            }
            awaitMoreLogsSent(sender, sending);
            sender.stop();
            sending.get();
            System.out.println("sender: " + sender);
            long sent = sender.sent.sum();
            assertThat(sender.accepted.sum()).as("every log sent is accepted").isEqualTo(sent);

            AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(4));
            assertThat(report.accepted()).isEqualTo(sent);
            assertThat(report.stored()).isEqualTo(sent);
            assertThat(report.deadLettered()).isZero();
            assertThat(report.balanced()).as(report.summary()).isTrue();
            assertThat(parser.starts()).isEqualTo(3);
            assertThat(writer.starts()).isEqualTo(3);
        }
    }

    private static void awaitMoreLogsSent(LogSender sender, CompletableFuture<Void> sending) {
        long threshold = sender.sent.sum() + LOGS_BETWEEN_KILLS;
        await().atMost(Duration.ofMinutes(2)).until(() -> sender.sent.sum() >= threshold || sending.isDone());
        assertThat(sending).as("logs still flow").isNotDone();
    }
}
