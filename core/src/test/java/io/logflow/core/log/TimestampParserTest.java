package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-31T12:00:00Z", "2023-02-29T12:00:00Z", "2024-13-01T00:00:00Z",
            "2024-01-15T25:00:00Z", "2024-01-15T10:60:00Z", "yesterday", "2024-01-15"})
    void rejectsDatesAndTimesThatDoNotExist(String text) {
        assertThatThrownBy(() -> TimestampParser.parse(text))
                .isInstanceOf(UnparseableLogException.class)
                .hasMessageContaining(text);
    }
}
