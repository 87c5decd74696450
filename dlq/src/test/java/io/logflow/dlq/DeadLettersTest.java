package io.logflow.dlq;

import static io.logflow.dlq.DeadLetterFixtures.deadLetter;
import static io.logflow.dlq.DeadLetterFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.log.LogId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DeadLettersTest {

    private static final Instant AT = Instant.parse("2026-11-27T08:00:00Z");
    private static final Map<String, String> FAILED_IN_THE_PARSER = Map.of(
            DeadLetter.ERROR, "timestamp '2024-02-31T12:00:00Z' is not a valid date",
            DeadLetter.ORIGINAL_TOPIC, "raw_logs",
            DeadLetter.ORIGINAL_PARTITION, "2",
            DeadLetter.ORIGINAL_OFFSET, "17",
            DeadLetter.STAGE, "parser",
            DeadLetter.FAILED_AT, "2026-11-27T08:00:00Z",
            DeadLetter.EXCEPTION_CLASS, "UnparseableLogException",
            CorrelationId.HEADER, "req-impossible");

    private static Map<String, String> text(RecordHeaders headers) {
        Map<String, String> text = new java.util.LinkedHashMap<>();
        for (Header header : headers) {
            text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return text;
    }

    @Test
    void alikeReasonsCountTogether() {
        assertThat(DeadLetters.reasonKind("timestamp '2024-02-31T12:00:00Z' is not a valid date"))
                .isEqualTo("timestamp '…' is not a valid date");
        assertThat(DeadLetters.reasonKind("400 mapper_parsing_exception at line 1, column 187"))
                .isEqualTo("N mapper_parsing_exception at line N, column N");
    }

    @Test
    void aReplayedRawLogLosesWhyItFailedKeepsTheRestAndGetsTheIdOfItsFirstLife() {
        DeadLetterRecord deadLetter = deadLetter(0, 3, AT, FAILED_IN_THE_PARSER);

        Map<String, String> headers = text(DeadLetters.replayHeaders(deadLetter, "topic-uuid"));

        assertThat(headers).containsOnly(
                Map.entry(CorrelationId.HEADER, "req-impossible"),
                Map.entry(DeadLetter.REPLAYED_FROM, "raw_logs_dlq-0-3"),
                Map.entry(LogId.HEADER, LogId.of("topic-uuid", 2, 17)));
    }

    @Test
    void aReplayedRawLogItsClientNamedKeepsTheIdDerivedFromThatName() {
        Map<String, String> named = new java.util.HashMap<>(FAILED_IN_THE_PARSER);
        named.put(LogId.CLIENT_HEADER, "9f86d081884c7d659a2feaa0c55ad015");

        Map<String, String> headers = text(DeadLetters.replayHeaders(deadLetter(0, 3, AT, named), "topic-uuid"));

        // not the offset id: a later resend by the client must overwrite the replayed log, not add one
        assertThat(headers).containsEntry(LogId.HEADER, LogId.ofClient("topic-uuid", "9f86d081884c7d659a2feaa0c55ad015"))
                .containsEntry(LogId.CLIENT_HEADER, "9f86d081884c7d659a2feaa0c55ad015");
    }

    @Test
    void aLogIdItAlreadyHasIsKept() {
        Map<String, String> withId = new java.util.HashMap<>(FAILED_IN_THE_PARSER);
        withId.put(LogId.HEADER, "first-life-id");

        RecordHeaders headers = DeadLetters.replayHeaders(deadLetter(0, 3, AT, withId), "topic-uuid");

        assertThat(headers.headers(LogId.HEADER)).singleElement()
                .extracting(header -> new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("first-life-id");
    }

    @Test
    void replayedAgainItIsReplayedFromItsLatestDeadLetterOnly() {
        Map<String, String> twice = new java.util.HashMap<>(FAILED_IN_THE_PARSER);
        twice.put(DeadLetter.REPLAYED_FROM, "raw_logs_dlq-0-1");

        RecordHeaders headers = DeadLetters.replayHeaders(deadLetter(0, 3, AT, twice), null);

        assertThat(headers.headers(DeadLetter.REPLAYED_FROM)).singleElement()
                .extracting(header -> new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("raw_logs_dlq-0-3");
    }

    @Test
    void aParsedLogGoesBackWithoutANewLogId() {
        RecordHeaders headers = DeadLetters.replayHeaders(deadLetter(0, 3, AT, FAILED_IN_THE_PARSER), null);

        assertThat(headers.lastHeader(LogId.HEADER)).isNull();
    }

    @Test
    void anArchiveLineHoldsTheRecordItsValueAsTextAndBase64AndItsHeaders() {
        DeadLetterRecord deadLetter = deadLetter("raw_logs_dlq", 1, 9, AT, utf8("{\"message\":\"é\"}"), FAILED_IN_THE_PARSER);

        JsonNode line = DeadLetters.archiveLineOf(deadLetter);

        assertThat(line.get("topic").textValue()).isEqualTo("raw_logs_dlq");
        assertThat(line.get("partition").intValue()).isEqualTo(1);
        assertThat(line.get("offset").longValue()).isEqualTo(9);
        assertThat(line.get("timestamp").textValue()).isEqualTo("2026-11-27T08:00:00Z");
        assertThat(line.get("value").textValue()).isEqualTo("{\"message\":\"é\"}");
        assertThat(Base64.getDecoder().decode(line.get("value_base64").textValue())).isEqualTo(utf8("{\"message\":\"é\"}"));
        assertThat(line.get("headers").get(CorrelationId.HEADER).textValue()).isEqualTo("req-impossible");
        assertThat(line.has("key_base64")).as("the record has no key").isFalse();
    }

    @Test
    void anArchiveLineOfBytesThatAreNotUtf8HasOnlyTheirBase64() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFE, 'x'};

        JsonNode line = DeadLetters.archiveLineOf(deadLetter("raw_logs_dlq", 0, 0, AT, bytes, Map.of()));

        assertThat(line.has("value")).isFalse();
        assertThat(Base64.getDecoder().decode(line.get("value_base64").textValue())).isEqualTo(bytes);
    }

    /** Kafka at a port where nothing listens: any attempt to reach it would fail or hang. */
    private static DeadLetters withoutKafka(List<String> progress) {
        return new DeadLetters(ConfigLoader.defaultsWith(Map.of("KAFKA_BROKERS", "127.0.0.1:1")), progress::add);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void openingTheToolTouchesNoKafka() {
        try (DeadLetters deadLetters = withoutKafka(new ArrayList<>())) {
            assertThat(deadLetters).isNotNull();
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDryRunSaysWhatItWouldReplayAndSendsNothing() throws Exception {
        List<String> progress = new ArrayList<>();
        try (DeadLetters deadLetters = withoutKafka(progress)) {
            DeadLetters.ReplaySummary summary = deadLetters.replay(
                    List.of(deadLetter(0, 3, AT, FAILED_IN_THE_PARSER)), 1, true);

            assertThat(summary).isEqualTo(new DeadLetters.ReplaySummary(0, 0, true));
        }
        assertThat(progress).containsExactly("would replay raw_logs_dlq-0-3 to raw_logs");
    }
}
