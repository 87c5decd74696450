package io.logflow.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.log.LogId;
import io.logflow.core.log.LogNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RawLogParserTest {

    private final RawLogParser parser = new RawLogParser(new LogNormalizer("1.0.0"), "TOPICID", "parsed_logs",
            "raw_logs_dlq", Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC));

    private static ConsumerRecord<byte[], byte[]> raw(int partition, long offset, String value) {
        return new ConsumerRecord<>("raw_logs", partition, offset, null,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidRawLogBecomesAParsedLogWithAnIdFromItsPlace() throws Exception {
        RawLogParser.Outcome outcome = parser.parse(
                raw(2, 17, "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"panic\",\"message\":\"m\"}"));
        assertThat(outcome.failure()).isNull();
        ProducerRecord<byte[], byte[]> parsed = outcome.record();
        assertThat(parsed.topic()).isEqualTo("parsed_logs");
        JsonNode log = Json.mapper().readTree(parsed.value());
        assertThat(log.get("id").textValue()).isEqualTo("TOPICID-2-17");
        assertThat(log.get("level").textValue()).isEqualTo("FATAL");
        assertThat(log.get("processed_at").textValue()).isEqualTo("2026-11-27T08:00:00Z");
    }

    @Test
    void theCorrelationIdGoesIntoTheParsedLogAndOntoTheDeadLetter() throws Exception {
        ConsumerRecord<byte[], byte[]> good = raw(0, 1, "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\"}");
        good.headers().add(CorrelationId.HEADER, CorrelationId.encode("req-9"));
        ProducerRecord<byte[], byte[]> parsed = parser.parse(good).record();
        assertThat(Json.mapper().readTree(parsed.value()).get("correlation_id").textValue()).isEqualTo("req-9");
        assertThat(CorrelationId.read(parsed.headers())).hasValue("req-9");

        ConsumerRecord<byte[], byte[]> bad = raw(0, 2, "{\"timestamp\":\"2024-02-31T12:00:00Z\",\"level\":\"INFO\",\"message\":\"m\"}");
        bad.headers().add(CorrelationId.HEADER, CorrelationId.encode("req-10"));
        assertThat(CorrelationId.read(parser.parse(bad).record().headers())).hasValue("req-10");
    }

    @Test
    void parsingTheSameRecordAgainGivesTheSameId() throws Exception {
        String value = "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\"}";
        JsonNode first = Json.mapper().readTree(parser.parse(raw(0, 3, value)).record().value());
        JsonNode again = Json.mapper().readTree(parser.parse(raw(0, 3, value)).record().value());
        JsonNode other = Json.mapper().readTree(parser.parse(raw(0, 4, value)).record().value());
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(other.get("id")).isNotEqualTo(first.get("id"));
    }

    @Test
    void aClientNamedLogGetsTheSameIdFromEveryRecordThatCarriesIt() throws Exception {
        String value = "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\"}";
        ConsumerRecord<byte[], byte[]> first = raw(0, 5, value);
        ConsumerRecord<byte[], byte[]> resent = raw(1, 9, value);
        first.headers().add(LogId.CLIENT_HEADER, "k1".getBytes(StandardCharsets.UTF_8));
        resent.headers().add(LogId.CLIENT_HEADER, "k1".getBytes(StandardCharsets.UTF_8));
        String id = Json.mapper().readTree(parser.parse(first).record().value()).get("id").textValue();
        assertThat(id).isEqualTo("TOPICID-c-k1");
        assertThat(Json.mapper().readTree(parser.parse(resent).record().value()).get("id").textValue()).isEqualTo(id);
        assertThat(LogId.parse(id)).as("no raw record is named by a client id").isEmpty();
    }

    @Test
    void aReplayedDeadLetterKeepsItsIdAndTheLastHeaderOfANameCounts() throws Exception {
        ConsumerRecord<byte[], byte[]> replayed = raw(0, 7, "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"message\":\"m\"}");
        replayed.headers().add(LogId.HEADER, "first-id".getBytes(StandardCharsets.UTF_8));
        replayed.headers().add(LogId.CLIENT_HEADER, null);
        replayed.headers().add(LogId.INGEST_KEY_HEADER, "old-key".getBytes(StandardCharsets.UTF_8));
        replayed.headers().add(LogId.INGEST_KEY_HEADER, "key-2".getBytes(StandardCharsets.UTF_8));
        JsonNode log = Json.mapper().readTree(parser.parse(replayed).record().value());
        assertThat(log.get("id").textValue()).isEqualTo("first-id");
        assertThat(log.get("ingest_key").textValue()).isEqualTo("key-2");
        assertThat(log.has("correlation_id")).isFalse();
    }

    @Test
    void theImpossibleDateBecomesADeadLetterWithTheOriginalBytes() {
        String value = "{\"timestamp\":\"2024-02-31T12:00:00Z\",\"level\":\"INFO\",\"message\":\"m\"}";
        ConsumerRecord<byte[], byte[]> raw = raw(1, 9, value);
        RawLogParser.Outcome outcome = parser.parse(raw);
        assertThat(outcome.failure()).isEqualTo("invalid_timestamp");
        ProducerRecord<byte[], byte[]> deadLetter = outcome.record();
        assertThat(deadLetter.topic()).isEqualTo("raw_logs_dlq");
        assertThat(deadLetter.value()).isEqualTo(raw.value());
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ERROR)).contains("2024-02-31T12:00:00Z");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_TOPIC)).isEqualTo("raw_logs");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_PARTITION)).isEqualTo("1");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_OFFSET)).isEqualTo("9");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.STAGE)).isEqualTo("parser");
    }

    @Test
    void poisonBytesBecomeADeadLetter() {
        byte[] poison = {(byte) 0xc3, (byte) 0x28, 0x00, (byte) 0xff};
        RawLogParser.Outcome outcome = parser.parse(new ConsumerRecord<>("raw_logs", 0, 1L, null, poison));
        assertThat(outcome.failure()).isEqualTo("not_json");
        ProducerRecord<byte[], byte[]> deadLetter = outcome.record();
        assertThat(deadLetter.value()).isEqualTo(poison);
    }

    @Test
    void aRecordWithoutValueBecomesADeadLetter() {
        ProducerRecord<byte[], byte[]> deadLetter = parser.parse(raw(0, 1, null)).record();
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ERROR)).isEqualTo("raw record has no value");
    }
}
