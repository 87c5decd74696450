package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00.5Z");
    private final LogNormalizer normalizer = new LogNormalizer("1.2.3");

    private JsonNode normalise(String raw) {
        return read(normalizer.normalise(raw.getBytes(StandardCharsets.UTF_8), "topic-1-42", NOW.toString(), "corr-7", null));
    }

    private static JsonNode read(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String message) {
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        return MessageHash.of(utf8, 0, utf8.length);
    }

    @Test
    void normalisesEveryField() {
        JsonNode log = normalise("""
                {"timestamp":"2024-01-15T12:30:00.250+02:00","level":"warning","message":"disk full",
                 "service":"api-gateway","metadata":{"host":"a1"}}""");
        assertThat(log.get("id").textValue()).isEqualTo("topic-1-42");
        assertThat(log.get("timestamp").textValue()).isEqualTo("2024-01-15T10:30:00.250Z");
        assertThat(log.get("timestamp_ms").longValue()).isEqualTo(Instant.parse("2024-01-15T10:30:00.250Z").toEpochMilli());
        assertThat(log.get("level").textValue()).isEqualTo("WARN");
        assertThat(log.get("service").textValue()).isEqualTo("api-gateway");
        assertThat(log.get("message").textValue()).isEqualTo("disk full");
        assertThat(log.get("message_hash").textValue()).isEqualTo(hash("disk full")).hasSize(64);
        assertThat(log.get("metadata")).isEqualTo(Json.mapper().createObjectNode().put("host", "a1")
                .put("original_level", "warning"));
        assertThat(log.get("processed_at").textValue()).isEqualTo("2026-11-27T08:00:00.500Z");
        assertThat(log.get("processor_version").textValue()).isEqualTo("1.2.3");
        assertThat(log.get("correlation_id").textValue()).isEqualTo("corr-7");
        assertThat(log.has("ingest_key")).isFalse();
    }

    @Test
    void startsWithWhatTheStorageWriterReadsAndCopiesEscapesAsSent() {
        byte[] json = normalizer.normalise(("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"message\":\"say \\\"hi\\\"\","
                + "\"metadata\":{\"path\":\"C:\\\\x\",\"original_level\":\"sent\"},\"level\":\"info\"}")
                .getBytes(StandardCharsets.UTF_8), "raw-0-42", NOW.toString(), null, "shipper-1");
        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"id\":\"raw-0-42\",\"timestamp\":\"2024-01-15T10:30:00Z\",\"timestamp_ms\":1705314600000,")
                .contains("\"message\":\"say \\\"hi\\\"\"")
                .contains("\"metadata\":{\"path\":\"C:\\\\x\",\"original_level\":\"info\",\"service_defaulted\":\"true\"}")
                .contains("\"ingest_key\":\"shipper-1\"").doesNotContain("correlation_id");
        assertThat(read(json).get("message_hash").textValue()).isEqualTo(hash("say \"hi\""));
    }

    @Test
    void aMissingServiceIsUnknownAndSaysSo() {
        JsonNode log = normalise("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\"}");
        assertThat(log.get("service").textValue()).isEqualTo("unknown");
        assertThat(log.get("metadata")).isEqualTo(Json.mapper().createObjectNode().put("original_level", "INFO")
                .put("service_defaulted", "true"));
    }

    @Test
    void aGivenServiceIsNotMarkedDefaulted() {
        JsonNode log = normalise("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\",\"service\":\"s\"}");
        assertThat(log.get("metadata").has("service_defaulted")).isFalse();
    }

    @Test
    void equalMessagesHaveEqualHashesAndDifferentOnesDiffer() {
        assertThat(hash("a")).isEqualTo(hash("a")).isNotEqualTo(hash("b"));
        assertThat(hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theImpossibleDateCannotBeParsed() {
        assertThatThrownBy(() -> normalise("{\"timestamp\":\"2024-02-31T12:00:00Z\",\"level\":\"INFO\",\"message\":\"m\"}"))
                .isInstanceOf(UnparseableLogException.class)
                .hasMessageContaining("2024-02-31T12:00:00Z");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json                                                                    | not valid JSON",
            "[1,2]                                                                       | not a JSON object",
            "{`level`:`INFO`,`message`:`m`}                                              | timestamp is missing",
            "{`timestamp`:`2024-01-15T10:30:00Z`,`level`:`INFO`}                         | message is missing",
            "{`timestamp`:`2024-01-15T10:30:00Z`,`level`:5,`message`:`m`}                | level must be a string",
            "{`timestamp`:`2024-01-15T10:30:00Z`,`message`:`m`,`metadata`:{`n`:1}}       | metadata.n must be a string",
            "{`timestamp`:`2024-01-15T10:30:00Z`,`message`:`m`,`metadata`:[]}            | metadata must be an object",
            "{`timestamp`:`2024-01-15T10:30:00Z`,`level`:`INFO`,`message`:``}            | message must not be empty",
            "{`timestamp`:`2024-01-15T10:30:00Z`,`message`:`m`,`service`:`my service`}   | service may contain only"})
    void rawLogsThatCannotBeNormalisedSayWhy(String raw, String reason) {
        assertThatThrownBy(() -> normalise(raw.replace('`', '"')))
                .isInstanceOf(UnparseableLogException.class).hasMessageContaining(reason);
    }

    @Test
    void aMessageOverTheDoorsLimitCannotBeParsed() {
        assertThat(normalise("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"message\":\"" + "x".repeat(10_000) + "\"}").get("message").textValue())
                .hasSize(10_000);
        assertThatThrownBy(() -> normalise("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"message\":\"" + "x".repeat(10_001) + "\"}"))
                .isInstanceOf(UnparseableLogException.class).hasMessageContaining("at most 10000 characters");
    }

    @Test
    void theIdIsAFunctionOfTheRecordsPlaceInKafka() {
        assertThat(LogId.of("Zx8f", 2, 1234)).isEqualTo("Zx8f-2-1234").isEqualTo(LogId.of("Zx8f", 2, 1234));
        assertThat(LogId.of("Zx8f", 2, 1234)).isNotEqualTo(LogId.of("Zx8f", 1, 1234)).isNotEqualTo(LogId.of("Zx8g", 2, 1234));
    }

    @Test
    void anIdReadsBackAsTheRecordItNamesEvenWhenTheTopicIdHasDashes() {
        assertThat(LogId.parse(LogId.of("a-b_c-", 2, 1234))).hasValue(new LogId.RawRecordId("a-b_c-", 2, 1234));
        assertThat(LogId.parse("no-dashes")).isEmpty();
        assertThat(LogId.parse("x-y-z")).isEmpty();
        assertThat(LogId.parse("1-2")).isEmpty();
    }

    @Test
    void theIndexIsTheDayOfTheLogsUtcTime() {
        assertThat(IndexName.of("logs", Instant.parse("2024-01-15T23:59:59.999Z"))).isEqualTo("logs-2024.01.15");
        assertThat(IndexName.of("logs", TimestampParser.parse("2024-01-16T01:00:00+02:00"))).isEqualTo("logs-2024.01.15");
        assertThat(IndexName.of("app", Instant.parse("2024-01-16T00:00:00Z").toEpochMilli())).isEqualTo("app-2024.01.16");
    }
}
