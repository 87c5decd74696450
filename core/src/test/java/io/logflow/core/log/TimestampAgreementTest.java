package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The door (validator) and the parser (normaliser) judge each timestamp alike: a form
 * the door refuses is dead-lettered by the parser, a form the door accepts is read by the
 * parser as the instant it names, unless that date or time does not exist (SPEC: the
 * impossible date passes the door's format check and goes to the dead-letter topic).
 */
class TimestampAgreementTest {

    private static final String REFUSED = "refused at the door and dead-lettered";
    private static final String DOES_NOT_EXIST = "accepted at the door, dead-lettered: no such date or time";

    private final LogValidator door = new LogValidator(65_536);
    private final LogNormalizer parser = new LogNormalizer("1.0.0");

    @ParameterizedTest(name = "'{0}' {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // RFC 3339 with Z, offsets and fractions of every length
            "2024-01-15T10:30:00Z                | 2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00.1Z              | 2024-01-15T10:30:00.100Z",
            "2024-01-15T10:30:00.12Z             | 2024-01-15T10:30:00.120Z",
            "2024-01-15T10:30:00.123Z            | 2024-01-15T10:30:00.123Z",
            "2024-01-15T10:30:00.1234Z           | 2024-01-15T10:30:00.123400Z",
            "2024-01-15T10:30:00.123456Z         | 2024-01-15T10:30:00.123456Z",
            "2024-01-15T10:30:00.123456789Z      | 2024-01-15T10:30:00.123456789Z",
            "2024-01-15T10:30:00.000000001Z      | 2024-01-15T10:30:00.000000001Z",
            "2024-01-15T12:30:00+02:00           | 2024-01-15T10:30:00Z",
            "2024-01-15T05:00:00.5-05:30         | 2024-01-15T10:30:00.500Z",
            "2024-01-15T10:30:00+00:00           | 2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00-00:00           | 2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00+18:00           | 2024-01-14T16:30:00Z",
            "2024-01-15T10:30:00-18:00           | 2024-01-16T04:30:00Z",
            "2024-12-31T23:30:00-01:00           | 2025-01-01T00:30:00Z",
            "2024-01-15t10:30:00z                | 2024-01-15T10:30:00Z",
            // no zone: UTC
            "2024-01-15T10:30:00                 | 2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00.250             | 2024-01-15T10:30:00.250Z",
            // a space for the T (RFC 3339 5.6 allows it; SPEC lists it for the parser)
            "2024-01-15 10:30:00                 | 2024-01-15T10:30:00Z",
            "2024-01-15 10:30:00.5               | 2024-01-15T10:30:00.500Z",
            "2024-01-15 10:30:00Z                | 2024-01-15T10:30:00Z",
            "2024-01-15 12:30:00+02:00           | 2024-01-15T10:30:00Z",
            // leap years and the ends of the range
            "2024-02-29T23:59:59Z                | 2024-02-29T23:59:59Z",
            "2000-02-29T00:00:00Z                | 2000-02-29T00:00:00Z",
            "1970-01-01T00:00:00Z                | 1970-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z                | 0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z      | 9999-12-31T23:59:59.999999999Z",
            // the right form, but no such date, time or offset
            "2024-02-31T12:00:00Z                | " + DOES_NOT_EXIST,
            "2023-02-29T12:00:00Z                | " + DOES_NOT_EXIST,
            "1900-02-29T12:00:00Z                | " + DOES_NOT_EXIST,
            "2100-02-29T12:00:00                 | " + DOES_NOT_EXIST,
            "2024-04-31T00:00:00Z                | " + DOES_NOT_EXIST,
            "2024-13-01T00:00:00Z                | " + DOES_NOT_EXIST,
            "2024-00-10T10:30:00Z                | " + DOES_NOT_EXIST,
            "2024-01-00T10:30:00Z                | " + DOES_NOT_EXIST,
            "2024-01-32 10:30:00                 | " + DOES_NOT_EXIST,
            "2024-01-15T24:00:00Z                | " + DOES_NOT_EXIST,
            "2024-01-15T25:00:00Z                | " + DOES_NOT_EXIST,
            "2024-01-15T10:60:00Z                | " + DOES_NOT_EXIST,
            "2024-01-15T23:59:60Z                | " + DOES_NOT_EXIST,
            "2024-01-15T10:30:00+18:30           | " + DOES_NOT_EXIST,
            "2024-01-15T10:30:00+05:60           | " + DOES_NOT_EXIST,
            "2024-01-15T10:30:00-99:99           | " + DOES_NOT_EXIST,
            // other forms
            "``                                  | " + REFUSED,
            "yesterday                           | " + REFUSED,
            "1705314600                          | " + REFUSED,
            "2024-01-15                          | " + REFUSED,
            "10:30:00                            | " + REFUSED,
            "2024/01/15 10:30:00                 | " + REFUSED,
            "2024-01-15T10:30Z                   | " + REFUSED,
            "2024-01-15T10:30                    | " + REFUSED,
            "2024-01-15T10:30+02:00              | " + REFUSED,
            "2024-01-15T10:30:00.Z               | " + REFUSED,
            "2024-01-15T10:30:00.                | " + REFUSED,
            "2024-01-15T10:30:00.1234567890Z     | " + REFUSED,
            "2024-01-15T10:30:00,5Z              | " + REFUSED,
            "2024-01-15T10:30:00+02              | " + REFUSED,
            "2024-01-15T10:30:00+0200            | " + REFUSED,
            "2024-01-15T10:30:00+02:00:30        | " + REFUSED,
            "2024-01-15T10:30:00 Z               | " + REFUSED,
            "2024-01-15T10:30:00ZZ               | " + REFUSED,
            "2024-01-15T10:30:00UTC              | " + REFUSED,
            "2024-01-15T10:30:00GMT              | " + REFUSED,
            "+12024-01-15T10:30:00Z              | " + REFUSED,
            "2024-1-15T10:30:00Z                 | " + REFUSED,
            "20240115T103000Z                    | " + REFUSED,
            "2024-01-1510:30:00                  | " + REFUSED,
            "2024-01-15T 10:30:00                | " + REFUSED,
            "2024-01-15_10:30:00                 | " + REFUSED,
            "`2024-01-15  10:30:00`              | " + REFUSED,
            "` 2024-01-15T10:30:00Z`             | " + REFUSED,
            "`2024-01-15T10:30:00Z `             | " + REFUSED,
            "２０２４-01-15T10:30:00Z              | " + REFUSED})
    void theDoorAndTheParserAgree(String timestamp, String expected) {
        boolean doorAccepts = doorAccepts(timestamp);
        Optional<Instant> stored = parserStores(timestamp);
        switch (expected) {
            case REFUSED -> {
                assertThat(doorAccepts).as("the door accepts it").isFalse();
                assertThat(stored).as("the parser stores it").isEmpty();
            }
            case DOES_NOT_EXIST -> {
                assertThat(doorAccepts).as("the door accepts the form").isTrue();
                assertThat(stored).as("the parser stores it").isEmpty();
            }
            default -> {
                assertThat(doorAccepts).as("the door accepts it").isTrue();
                assertThat(stored).as("the parser stores it as").hasValue(Instant.parse(expected));
            }
        }
    }

    /** Every one-character change to a few accepted timestamps: the parser never stores what the door refuses. */
    @Test
    void theParserNeverStoresATimestampTheDoorRefuses() {
        String alphabet = "09Tt Zz+-:.,x";
        List<String> variants = new ArrayList<>();
        for (String accepted : List.of("2024-01-15T10:30:00Z", "2024-01-15 10:30:00.123", "2024-01-15T10:30:00.5+02:00")) {
            for (int i = 0; i <= accepted.length(); i++) {
                if (i < accepted.length()) {
                    variants.add(accepted.substring(0, i) + accepted.substring(i + 1));
                }
                for (char c : alphabet.toCharArray()) {
                    variants.add(accepted.substring(0, i) + c + accepted.substring(i));
                    if (i < accepted.length()) {
                        variants.add(accepted.substring(0, i) + c + accepted.substring(i + 1));
                    }
                }
            }
        }
        int refused = 0;
        for (String variant : variants) {
            if (!doorAccepts(variant)) {
                refused++;
                assertThat(parserStores(variant)).as(variant).isEmpty();
            }
        }
        assertThat(refused).as("variants the door refuses").isGreaterThan(variants.size() / 2);
    }

    private boolean doorAccepts(String timestamp) {
        return door.validate(log(timestamp)).stream().noneMatch(error -> error.field().equals("timestamp"));
    }

    private Optional<Instant> parserStores(String timestamp) {
        try {
            JsonNode parsed = Json.mapper().readTree(parser.normalise(log(timestamp), "id", "2026-11-27T08:00:00Z", null, null));
            Instant stored = Instant.parse(parsed.get("timestamp").textValue());
            assertThat(stored.toEpochMilli()).isEqualTo(parsed.get("timestamp_ms").longValue());
            return Optional.of(stored);
        } catch (UnparseableLogException e) {
            assertThat(e.kind()).isIn("invalid_timestamp", "missing_field");
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] log(String timestamp) {
        return ("{\"timestamp\":\"" + timestamp + "\",\"level\":\"INFO\",\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8);
    }
}
