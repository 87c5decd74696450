package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.audit.AuditReport;
import io.logflow.cli.LogFlowCommand;
import io.logflow.ingestor.door.ApiKey;
import io.logflow.ingestor.door.ApiKeyFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * API keys on the real pipeline (Kafka, Elasticsearch, the three stages in this JVM):
 * the key a log came in with is stored in its document, a key revoked while logs pour in
 * is refused within 5 s and every log answered 200 is stored, and no secret appears in
 * any stage's log lines.
 */
class IngestKeysIT {

    private static final String LOG = "{\"timestamp\":\"%s\",\"level\":\"INFO\",\"message\":\"%s\",\"service\":\"door\"}";

    private static final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private static final String keeperSecret = ApiKeyFile.newSecret();
    private static final String leaverSecret = ApiKeyFile.newSecret();
    private static Path keysFile;
    private static TestStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        logLines.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logLines);
        keysFile = Files.createTempDirectory("logflow-keys-").resolve("keys.json");
        ApiKeyFile.write(keysFile, List.of(new ApiKey("keeper", ApiKeyFile.sha256(keeperSecret), List.of(), 0),
                new ApiKey("leaver", ApiKeyFile.sha256(leaverSecret), List.of(), 0)));
        stack = TestStack.start(List.of(), Map.of("INGESTOR_API_KEYS_FILE", keysFile.toString())).withPipeline();
    }

    @AfterAll
    static void stop() throws IOException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logLines);
        stack.close();
    }

    private int post(String secret, String message) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(stack.ingestorUrl() + "/log"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + secret)
                    .POST(HttpRequest.BodyPublishers.ofString(LOG.formatted(Instant.now(), message))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void theKeyALogCameWithIsStoredInItsDocument() {
        assertThat(post(keeperSecret, "doorprobe sent with the keeper's key")).isEqualTo(200);
        String es = stack.config().elasticsearch().url();
        JsonNode document = Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    stack.send("POST", es + "/logs-*/_refresh");
                    return TestStack.readJson(stack.get(es + "/logs-*/_search?q=message:doorprobe").body())
                            .at("/hits/hits/0/_source");
                }, found -> !found.isMissingNode());
        assertThat(document.get("ingest_key").asText()).isEqualTo("keeper");
        assertThat(document.get("service").asText()).isEqualTo("door");
        assertThat(document.has("correlation_id")).isTrue();
        assertThat(document.has("message_hash")).isTrue();
    }

    @Test
    void aKeyRevokedUnderLoadIsRefusedWithin5SecondsAndEveryAcceptedLogIsStored() throws Exception {
        LongAdder keeperAccepted = new LongAdder();
        LongAdder leaverAccepted = new LongAdder();
        LongAdder leaverAcceptedAfterRefusal = new LongAdder();
        LongAdder unexpected = new LongAdder();
        AtomicLong firstRefusal = new AtomicLong();
        AtomicLong revokedAt = new AtomicLong();
        long stopAt = System.nanoTime() + Duration.ofSeconds(14).toNanos();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int sender = 0; sender < 8; sender++) {
                boolean leaver = sender % 2 == 0;
                int id = sender;
                senders.submit(() -> {
                    for (long n = 0; System.nanoTime() < stopAt; n++) {
                        boolean sentAfterARefusal = firstRefusal.get() != 0;
                        int status = post(leaver ? leaverSecret : keeperSecret, "load " + id + "-" + n);
                        if (status == 200) {
                            (leaver ? leaverAccepted : keeperAccepted).increment();
                            if (leaver && sentAfterARefusal) {
                                leaverAcceptedAfterRefusal.increment();
                            }
                        } else if (leaver && status == 401 && revokedAt.get() != 0) {
                            firstRefusal.compareAndSet(0, System.nanoTime());
                        } else {
                            unexpected.increment();
                        }
                    }
                });
            }
            Thread.sleep(4_000);
            revokedAt.set(System.nanoTime());
            assertThat(LogFlowCommand.commandLine().execute("keys", "--file", keysFile.toString(), "revoke", "leaver"))
                    .isZero();
        }
        double refusedAfterSeconds = (firstRefusal.get() - revokedAt.get()) / 1e9;
        System.out.printf("keeper accepted %d, leaver accepted %d, leaver refused %.2f s after the revocation%n",
                keeperAccepted.sum(), leaverAccepted.sum(), refusedAfterSeconds);
        assertThat(firstRefusal.get()).as("the revoked key was refused").isNotZero();
        assertThat(refusedAfterSeconds).isLessThan(5);
        assertThat(leaverAcceptedAfterRefusal.sum()).as("sent after its first refusal, and accepted").isZero();
        assertThat(unexpected.sum()).as("answers other than 200, or 401 for the revoked key").isZero();

        AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(2));
        assertThat(report.balanced()).as(report.summary()).isTrue();
        assertThat(count("keeper")).isEqualTo(keeperAccepted.sum());
        assertThat(count("leaver")).isEqualTo(leaverAccepted.sum());
    }

    @Test
    void noSecretAppearsInAnyStagesLogLines() {
        post("not-a-key-" + keeperSecret.substring(0, 8), "refused");
        post(keeperSecret, "accepted");
        for (ILoggingEvent line : List.copyOf(logLines.list)) {
            String text = line.getFormattedMessage() + " " + line.getKeyValuePairs()
                    + (line.getThrowableProxy() == null ? "" : " " + line.getThrowableProxy().getMessage());
            assertThat(text).doesNotContain(keeperSecret).doesNotContain(leaverSecret);
        }
    }

    /** Documents stored with {@code key}, counted by Elasticsearch. */
    private long count(String key) {
        String es = stack.config().elasticsearch().url();
        stack.send("POST", es + "/logs-*/_refresh");
        return TestStack.readJson(stack.get(es + "/logs-*/_count?q=ingest_key:" + key + "%20AND%20message:load")
                .body()).get("count").asLong();
    }
}
