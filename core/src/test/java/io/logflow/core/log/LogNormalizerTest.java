package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00.5Z");
    private final LogNormalizer normalizer = new LogNormalizer("1.2.3");

    private ParsedLog normalise(String raw) {
        return normalizer.normalise(raw.getBytes(StandardCharsets.UTF_8), "topic-1-42", NOW.toString(), "corr-7");
    }

    @Test
    void normalisesEveryField() {
        ParsedLog log = normalise("""
                {"timestamp":"2024-01-15T12:30:00.250+02:00","level":"warning","message":"disk full",
                 "service":"api-gateway","metadata":{"host":"a1"}}""");
        assertThat(log.id()).isEqualTo("topic-1-42");
        assertThat(log.timestamp()).isEqualTo("2024-01-15T10:30:00.250Z");
        assertThat(log.timestampMs()).isEqualTo(Instant.parse("2024-01-15T10:30:00.250Z").toEpochMilli());
        assertThat(log.level()).isEqualTo("WARN");
        assertThat(log.service()).isEqualTo("api-gateway");
        assertThat(log.message()).isEqualTo("disk full");
        assertThat(log.messageHash()).isEqualTo(MessageHash.of("disk full")).hasSize(64);
        assertThat(log.metadata()).containsExactly(Map.entry("host", "a1"), Map.entry("original_level", "warning"));
        assertThat(log.processedAt()).isEqualTo("2026-11-27T08:00:00.500Z");
        assertThat(log.processorVersion()).isEqualTo("1.2.3");
        assertThat(log.correlationId()).isEqualTo("corr-7");
    }

    @Test
    void aMissingServiceIsUnknownAndSaysSo() {
        ParsedLog log = normalise("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\"}");
        assertThat(log.service()).isEqualTo("unknown");
        assertThat(log.metadata()).containsEntry("service_defaulted", "true").containsEntry("original_level", "INFO");
    }

    @Test
    void aGivenServiceIsNotMarkedDefaulted() {
        ParsedLog log = normalise("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\",\"service\":\"s\"}");
        assertThat(log.metadata()).doesNotContainKey("service_defaulted");
    }

    @Test
    void equalMessagesHaveEqualHashesAndDifferentOnesDiffer() {
        assertThat(MessageHash.of("a")).isEqualTo(MessageHash.of("a")).isNotEqualTo(MessageHash.of("b"));
        assertThat(MessageHash.of("abc"))
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
        assertThat(normalise("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"message\":\"" + "x".repeat(10_000) + "\"}").message())
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
