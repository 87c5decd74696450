package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.log.IndexName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's demonstration, on a real Kafka and a real Elasticsearch: scripts/send_all_logs.sh
 * sends seven levels, an impossible date and a body that is not JSON.
 */
class SeedScriptEndToEndIT {

    static final List<String> SPEC_FIELDS = List.of("id", "timestamp", "timestamp_ms", "level", "service",
            "message", "message_hash", "metadata", "processed_at", "processor_version", "indexed_at", "index_name",
            "storage_version");

    private static TestStack stack;
    private static String scriptOutput;
    private static String todaysIndex;

    @BeforeAll
    static void runTheSeedScript() throws Exception {
        stack = TestStack.start().withPipeline();
        todaysIndex = IndexName.of("logs", Instant.now());
        scriptOutput = sendAllLogs(stack.ingestorUrl());
    }

    /** Runs the seed's script scripts/send_all_logs.sh against an ingestor; returns what it printed. */
    static String sendAllLogs(String ingestorUrl) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("logflow.project.dir"), "scripts", "send_all_logs.sh");
        ProcessBuilder send = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        send.environment().put("INGESTOR_URL", ingestorUrl);
        Process process = send.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(process.exitValue()).isZero();
        return output;
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyRequestGotTheAnswerTheSpecPromises() {
        List<String> lines = scriptOutput.lines().toList();
        assertThat(lines).hasSize(9);
        assertThat(lines.subList(0, 8)).allSatisfy(line -> assertThat(line)
                .contains("HTTP 200").contains("\"message\":\"log received and validated successfully\"")
                .containsPattern("\"partition\":\\d+,\"offset\":\\d+"));
        assertThat(lines.get(8)).contains("not JSON", "HTTP 400",
                "{\"error\":\"validation failed\",\"validation_errors\":[{\"field\":\"json\",\"message\":\"request body is not valid JSON");
    }

    @Test
    void theSevenLevelsAreStoredNormalisedInTodaysIndexWithEverySpecField() {
        List<JsonNode> hits = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.documents(todaysIndex), documents -> documents.size() >= 7);
        assertThat(hits).hasSize(7);
        List<JsonNode> documents = hits.stream().map(hit -> hit.get("_source")).toList();
        assertThat(documents).extracting(document -> document.get("level").textValue())
                .containsExactlyInAnyOrder("DEBUG", "INFO", "WARN", "WARN", "ERROR", "FATAL", "FATAL");
        assertThat(documents).extracting(document -> document.get("metadata").get("original_level").textValue())
                .containsExactlyInAnyOrder("DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "PANIC");
        for (JsonNode hit : hits) {
            JsonNode document = hit.get("_source");
            assertThat(StreamSupport.stream(((Iterable<String>) document::fieldNames).spliterator(), false))
                    .containsAll(SPEC_FIELDS);
            assertThat(hit.get("_id").textValue()).isEqualTo(document.get("id").textValue());
            assertThat(document.get("index_name").textValue()).isEqualTo(todaysIndex);
            assertThat(document.get("service").textValue()).isEqualTo("send-all-logs");
            assertThat(document.get("message_hash").textValue()).hasSize(64);
            assertThat(document.get("processor_version").textValue()).isEqualTo("1.0.0");
            assertThat(document.get("storage_version").textValue()).isEqualTo("1.0.0");
            assertThat(Instant.parse(document.get("timestamp").textValue()).toEpochMilli())
                    .isEqualTo(document.get("timestamp_ms").longValue());
        }
        assertThat(documents).extracting(document -> document.get("id").textValue()).doesNotHaveDuplicates();
    }

    @Test
    void theImpossibleDateIsOneDeadLetterWithTheSpecHeadersAndTheOriginalBytes() {
        List<ConsumerRecord<byte[], byte[]>> deadLetters = await().atMost(Duration.ofSeconds(60))
                .until(() -> stack.records("raw_logs_dlq"), records -> !records.isEmpty());
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.getFirst();
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ERROR)).contains("2024-02-31T12:00:00Z");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_TOPIC)).isEqualTo("raw_logs");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.STAGE)).isEqualTo("parser");
        int partition = Integer.parseInt(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_PARTITION));
        long offset = Long.parseLong(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_OFFSET));
        ConsumerRecord<byte[], byte[]> original = stack.records("raw_logs").stream()
                .filter(record -> record.partition() == partition && record.offset() == offset)
                .findFirst().orElseThrow();
        assertThat(deadLetter.value()).isEqualTo(original.value());
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"timestamp\":\"2024-02-31T12:00:00Z\",\"level\":\"ERROR\",\"message\":\"send_all_logs: this date does not exist\",\"service\":\"send-all-logs\"}");
    }

    @Test
    void theMetricsCountEveryLogAtEveryStage() {
        String ingestor = stack.get(stack.ingestorUrl() + "/metrics").body();
        assertThat(ingestor).contains("ingestor_logs_received_total{input=\"log\",stage=\"ingestor\"} 9.0",
                "ingestor_invalid_logs_total{stage=\"ingestor\"} 1.0",
                "ingestor_logs_sent_total{stage=\"ingestor\"} 8.0");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String parser = stack.get("http://127.0.0.1:" + stack.pipeline().parser().port() + "/metrics").body();
            assertThat(parser).contains("parser_logs_processed_total{stage=\"parser\"} 8.0",
                    "parser_logs_failed_total{stage=\"parser\"} 1.0",
                    "parser_logs_sent_total{stage=\"parser\"} 7.0",
                    "parser_dead_letters_total{reason=\"invalid_timestamp\",stage=\"parser\"} 1.0");
            String writer = stack.get("http://127.0.0.1:" + stack.pipeline().storageWriter().port() + "/metrics").body();
            assertThat(writer).contains("storage_writer_logs_received_total{stage=\"storage-writer\"} 7.0",
                    "storage_writer_logs_stored_total{stage=\"storage-writer\"} 7.0",
                    "storage_writer_logs_failed_total{stage=\"storage-writer\"} 0.0");
        });
    }

    @Test
    void theAuditFindsEveryAcceptedLogStoredOrDeadLetteredOnce() {
        var report = stack.awaitAuditWithNothingMissing(Duration.ofSeconds(60));
        assertThat(report.accepted()).isEqualTo(8);
        assertThat(report.stored()).isEqualTo(7);
        assertThat(report.deadLetteredByParser()).isEqualTo(1);
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void everyStageIsHealthyAndReady() {
        for (int port : new int[] {stack.pipeline().ingestor().port(), stack.pipeline().parser().port(),
                stack.pipeline().storageWriter().port()}) {
            assertThat(stack.get("http://127.0.0.1:" + port + "/health").body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(stack.get("http://127.0.0.1:" + port + "/ready").statusCode()).isEqualTo(200);
        }
    }
}
