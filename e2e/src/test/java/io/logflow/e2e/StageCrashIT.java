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
 * kill -9 the parser, then the storage writer, twice each, while 100,000 logs flow; each is
 * started again. Every accepted log must end exactly once.
 */
class StageCrashIT {

    private static final long LOGS = 100_000;
    /** slow enough that logs still flow through all four kills and restarts */
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
                    sender.send(LOGS, 64, LOGS_PER_SECOND);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            long sendingSince = System.nanoTime();
            List<StageProcess> victims = List.of(parser, writer, parser, writer);
            for (int i = 0; i < victims.size(); i++) {
                long threshold = LOGS * (i + 1) / (victims.size() + 2);
                await().atMost(Duration.ofMinutes(2)).until(() -> sender.sent.sum() >= threshold || sending.isDone());
                StageProcess victim = victims.get(i);
                System.out.printf("kill -9 %s after %d logs sent, %d ms in%n",
                        victim == parser ? "parser" : "storage-writer", sender.sent.sum(), (System.nanoTime() - sendingSince) / 1_000_000);
                assertThat(sender.sent.sum()).as("logs still flow when it is killed").isLessThan(LOGS);
                victim.kill();
                // kill() returns once it is gone; logs keep coming during the seconds it takes to start again
                long restarting = System.nanoTime();
                victim.start();
                System.out.printf("restarted after %d logs sent, in %d ms%n", sender.sent.sum(),
                        (System.nanoTime() - restarting) / 1_000_000);
            }
            sending.get();
            System.out.println("sender: " + sender);
            assertThat(sender.accepted.sum()).isEqualTo(LOGS);

            AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(4));
            assertThat(report.accepted()).isEqualTo(LOGS);
            assertThat(report.stored()).isEqualTo(LOGS);
            assertThat(report.deadLettered()).isZero();
            assertThat(report.balanced()).as(report.summary()).isTrue();
            assertThat(parser.starts()).isEqualTo(3);
            assertThat(writer.starts()).isEqualTo(3);
        }
    }
}
