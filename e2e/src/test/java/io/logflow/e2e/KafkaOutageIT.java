package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.audit.AuditReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stopped for 30 s: the ingestor answers 503 within its deadline (never a
 * 2xx, never a longer wait), recovers by itself, and every log it answered 2xx is stored.
 */
class KafkaOutageIT {

    private static final long DEADLINE_MS = 2_000;

    @Test
    void duringAKafkaOutageTheIngestorAnswers503InTimeAndEveryAcceptedLogIsStored() throws Exception {
        try (TestStack stack = TestStack.start(List.of(),
                Map.of("INGESTOR_KAFKA_TIMEOUT_MS", Long.toString(DEADLINE_MS))).withPipeline()) {
            LogSender before = new LogSender(stack.ingestorUrl());
            before.send(2_000, 16, 200);
            assertThat(before.accepted.sum()).isEqualTo(2_000);

            stack.devStack().kafka().stop();
            System.out.println("Kafka stopped");
            LogSender during = new LogSender(stack.ingestorUrl());
            CompletableFuture<Void> sendingDuring = CompletableFuture.runAsync(() -> {
                try {
                    during.send(1_500, 200, 50); // 30 s of traffic while Kafka is down
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sendingDuring.get();
            System.out.println("during the outage: " + during);
            assertThat(during.accepted.sum()).as("2xx while Kafka is down").isZero();
            assertThat(during.unavailable.sum()).isEqualTo(1_500);
            assertThat(Duration.ofNanos(during.slowestUnavailableNanos.get()))
                    .as("no 503 waits beyond the deadline").isLessThan(Duration.ofMillis(DEADLINE_MS + 1_500));

            stack.devStack().kafka().start();
            System.out.println("Kafka started again");
            LogSender after = new LogSender(stack.ingestorUrl());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        LogSender probe = new LogSender(stack.ingestorUrl());
                        probe.send(1, 1, 0);
                        after.accepted.add(probe.accepted.sum());
                        return probe.accepted.sum() == 1;
                    });
            after.send(2_000, 16, 200);
            System.out.println("after the outage: " + after);
            assertThat(after.accepted.sum()).isGreaterThanOrEqualTo(2_000);

            long answered2xx = before.accepted.sum() + after.accepted.sum();
            AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(3));
            assertThat(report.balanced()).as(report.summary()).isTrue();
            assertThat(report.stored()).as("every 2xx'd log is stored").isGreaterThanOrEqualTo(answered2xx);
            assertThat(report.stored()).isEqualTo(report.accepted());
            assertThat(report.deadLettered()).isZero();
        }
    }
}
