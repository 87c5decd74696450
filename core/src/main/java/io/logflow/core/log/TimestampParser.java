package io.logflow.core.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Reads a log's time in the forms LogFlow accepts: RFC 3339 with any offset and fraction,
 * and the same without an offset or with a space for the 'T', both read as UTC. Dates
 * that do not exist (February 31st) are rejected, not rolled over.
 */
public final class TimestampParser {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private TimestampParser() {}

    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutOffset) {
                throw new UnparseableLogException("invalid_timestamp", "timestamp '" + text + "' is not a valid date and time: "
                        + withOffset.getMessage().replaceFirst("^Text '.*' ", ""));
            }
        }
    }
}
