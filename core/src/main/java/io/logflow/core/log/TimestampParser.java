package io.logflow.core.log;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
        Instant common = parseCommonForm(text);
        if (common != null) {
            return common;
        }
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

    /**
     * The form nearly every log arrives in, {@code 2024-01-15T10:30:00[.fraction](Z|+hh:mm)},
     * read by hand: the formatters above cost several times more, and every log's time is
     * read twice (validation, normalisation). Null for anything else, which the formatters
     * then judge, so this only ever agrees with them.
     */
    private static Instant parseCommonForm(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int position = 19;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && position - start < 9 && isDigit(text.charAt(position))) {
                nanos = nanos * 10 + (text.charAt(position++) - '0');
            }
            if (position == start) {
                return null;
            }
            for (int scale = position - start; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (position == length - 1 && text.charAt(position) == 'Z') {
            offsetSeconds = 0;
        } else if (position == length - 6 && (text.charAt(position) == '+' || text.charAt(position) == '-')
                && text.charAt(position + 3) == ':') {
            int hours = digits(text, position + 1, position + 3);
            int minutes = digits(text, position + 4, position + 6);
            if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
                return null;
            }
            offsetSeconds = (text.charAt(position) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException doesNotExist) {
            return null;
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The number the ASCII digits in [from, to) spell, or -1 if any is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
