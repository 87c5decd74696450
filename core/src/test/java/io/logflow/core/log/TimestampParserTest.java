package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {

    @ParameterizedTest
    @CsvSource({
            "2024-01-15T10:30:00Z,              2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00.123Z,          2024-01-15T10:30:00.123Z",
            "2024-01-15T12:30:00+02:00,         2024-01-15T10:30:00Z",
            "2024-01-15T05:00:00.5-05:30,       2024-01-15T10:30:00.500Z",
            "2024-01-15t10:30:00z,              2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00,               2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00.250,           2024-01-15T10:30:00.250Z",
            "2024-01-15 10:30:00,               2024-01-15T10:30:00Z",
            "2024-02-29T23:59:59Z,              2024-02-29T23:59:59Z"})
    void readsEveryAcceptedFormAsUtc(String text, String expected) {
        assertThat(TimestampParser.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void readsRandomTimesExactlyAsTheIsoFormatterDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            String text = instant.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
                    .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss" + fraction(random.nextInt(10)) + "XXX"));
            assertThat(TimestampParser.parse(text)).as(text)
                    .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        }
    }

    private static String fraction(int digits) {
        return digits == 0 ? "" : "." + "S".repeat(digits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-31T12:00:00Z", "2023-02-29T12:00:00Z", "2024-13-01T00:00:00Z",
            "2024-01-15T25:00:00Z", "2024-01-15T10:60:00Z", "yesterday", "2024-01-15", "2024-04-31T00:00:00Z",
            "2024-01-15T24:00:00Z", "2024-01-15T10:30:60Z", "2024-01-15T10:30:00+18:30",
            "2024-01-15T10:30:00.1234567890Z", "2024-00-10T10:30:00Z",
            "2024-01-00T10:30:00Z", "2024-01-1aT10:30:00Z", "2100-02-29T10:30:00Z"})
    void rejectsDatesAndTimesThatDoNotExist(String text) {
        assertThatThrownBy(() -> TimestampParser.parse(text))
                .isInstanceOf(UnparseableLogException.class)
                .hasMessageContaining(text);
    }
}
