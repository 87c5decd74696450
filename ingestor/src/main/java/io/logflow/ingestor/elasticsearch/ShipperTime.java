package io.logflow.ingestor.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * The time a shipper put in a document: ISO 8601 / RFC 3339 text (with or without an
 * offset; none means UTC), {@code YYYY-MM-DD HH:MM:SS}, or an epoch number or numeric
 * text in seconds, milliseconds, microseconds or nanoseconds (told apart by magnitude,
 * as VictoriaLogs and Vector do), fractions allowed (Fluent Bit's {@code date} is
 * seconds with a fraction).
 */
final class ShipperTime {

    // 10^11 s is the year 5138, 10^11 ms is 1973: everything past it is a finer unit
    private static final BigDecimal SECONDS_BELOW = BigDecimal.valueOf(100_000_000_000L);
    private static final BigDecimal MILLIS_BELOW = SECONDS_BELOW.multiply(BigDecimal.valueOf(1_000));
    private static final BigDecimal MICROS_BELOW = MILLIS_BELOW.multiply(BigDecimal.valueOf(1_000));

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private ShipperTime() {}

    static Optional<Instant> parse(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return fromEpoch(value.decimalValue());
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.textValue().trim();
        if (text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        if (Character.isDigit(text.charAt(0)) && text.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            try {
                return fromEpoch(new BigDecimal(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return fromText(text);
    }

    private static Optional<Instant> fromEpoch(BigDecimal number) {
        if (number.signum() < 0) {
            return Optional.empty();
        }
        BigDecimal nanos;
        if (number.compareTo(SECONDS_BELOW) < 0) {
            nanos = number.movePointRight(9);
        } else if (number.compareTo(MILLIS_BELOW) < 0) {
            nanos = number.movePointRight(6);
        } else if (number.compareTo(MICROS_BELOW) < 0) {
            nanos = number.movePointRight(3);
        } else {
            nanos = number;
        }
        try {
            long whole = nanos.toBigInteger().longValueExact();
            return Optional.of(Instant.ofEpochSecond(0, whole));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> fromText(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.replace(' ', 'T')).toInstant());
        } catch (DateTimeException e) {
            // no offset, or not ISO: below
        }
        try {
            return Optional.of(LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
