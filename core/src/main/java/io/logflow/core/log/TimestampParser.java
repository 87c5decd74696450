package io.logflow.core.log;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The forms a log's time may take, at the door and in the parser: {@code YYYY-MM-DD}, then
 * {@code T}, {@code t} or a space, {@code HH:MM:SS}, an optional fraction of 1 to 9 digits,
 * and {@code Z}, {@code z}, {@code ±HH:MM} or nothing (UTC). The door checks only the form;
 * reading the time also requires it to exist, so {@code 2024-02-31T12:00:00Z} is accepted
 * at the door and dead-lettered by the parser, as the seed's demo expects.
 */
public final class TimestampParser {

    private static final int SECONDS_END = "YYYY-MM-DDTHH:MM:SS".length();
    private static final int NO_OFFSET_FORM = Integer.MIN_VALUE;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private TimestampParser() {}

    /** Whether text has one of the accepted forms; not whether that date and time exist. */
    public static boolean hasAcceptedForm(String text) {
        try {
            return read(text) != null;
        } catch (DateTimeException doesNotExist) {
            return true;
        }
    }

    /** The instant text names, read as UTC when it has no zone. */
    public static Instant parse(String text) {
        Instant instant;
        try {
            instant = read(text);
        } catch (DateTimeException doesNotExist) {
            throw notValid(text, doesNotExist.getMessage());
        }
        if (instant == null) {
            throw notValid(text, "expected YYYY-MM-DD, 'T' or a space, HH:MM:SS, an optional .fraction, and Z, ±HH:MM or nothing");
        }
        return instant;
    }

    /**
     * The instant text names, null if text has none of the forms, DateTimeException if it
     * has one but that date, time or offset does not exist. Every rule of the form is
     * checked before any of existence. Read by hand in one pass, as both stages read every
     * log's time: a formatter or a pattern costs several times more.
     */
    private static Instant read(String text) {
        int length = text.length();
        if (length < SECONDS_END || text.charAt(4) != '-' || text.charAt(7) != '-' || !isDateTimeSeparator(text.charAt(10))
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, SECONDS_END);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int position = SECONDS_END;
        int nanos = 0;
        if (position < length && text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && position - start < 9 && isDigit(text.charAt(position))) {
                nanos = nanos * 10 + (text.charAt(position++) - '0');
            }
            if (position == start || position < length && isDigit(text.charAt(position))) {
                return null;
            }
            for (int scale = position - start; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = zone(text, position);
        if (offsetSeconds == NO_OFFSET_FORM) {
            return null;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("there is no time of day " + text.substring(11, SECONDS_END));
        }
        LocalDate date = LocalDate.of(year, month, day);
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The zone from {@code position} to the end: nothing (UTC), Z, or ±HH:MM; NO_OFFSET_FORM if none of them. */
    private static int zone(String text, int position) {
        return switch (text.length() - position) {
            case 0 -> 0;
            case 1 -> text.charAt(position) == 'Z' || text.charAt(position) == 'z' ? 0 : NO_OFFSET_FORM;
            case 6 -> offsetSeconds(text, position);
            default -> NO_OFFSET_FORM;
        };
    }

    /** The seconds of a {@code ±HH:MM} offset at position, or NO_OFFSET_FORM. */
    private static int offsetSeconds(String text, int position) {
        char sign = text.charAt(position);
        int hours = digits(text, position + 1, position + 3);
        int minutes = digits(text, position + 4, position + 6);
        if (sign != '+' && sign != '-' || text.charAt(position + 3) != ':' || (hours | minutes) < 0) {
            return NO_OFFSET_FORM;
        }
        int seconds = hours * 3600 + minutes * 60;
        if (minutes > 59 || seconds > MAX_OFFSET_SECONDS) {
            throw new DateTimeException("there is no offset " + text.substring(position) + " (from -18:00 to +18:00)");
        }
        return sign == '-' ? -seconds : seconds;
    }

    private static boolean isDateTimeSeparator(char c) {
        return c == 'T' || c == 't' || c == ' ';
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

    private static UnparseableLogException notValid(String text, String why) {
        return new UnparseableLogException("invalid_timestamp", "timestamp '" + text + "' is not a valid date and time: " + why);
    }
}
