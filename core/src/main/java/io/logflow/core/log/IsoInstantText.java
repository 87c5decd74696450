package io.logflow.core.log;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** A log's time as the parsed log stores it: RFC 3339 UTC text, as {@link DateTimeFormatter#ISO_INSTANT} writes it. */
final class IsoInstantText {

    private static final int WITHOUT_FRACTION = "YYYY-MM-DDTHH:MM:SSZ".length();

    private IsoInstantText() {}

    /** @param sent the text {@code instant} was parsed from: kept when it is already that form, as most logs' times are */
    static String of(String sent, Instant instant) {
        return isIsoInstant(sent) ? sent : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * A 'T', a fraction of 3, 6 or 9 digits whose last 3 are not all 0 (or none), and a 'Z':
     * the rest of the form (digits, a date that exists) the parser has checked.
     */
    private static boolean isIsoInstant(String text) {
        int length = text.length();
        if (text.charAt(10) != 'T' || text.charAt(length - 1) != 'Z') {
            return false;
        }
        return switch (length - WITHOUT_FRACTION) {
            case 0 -> true;
            case 4, 7, 10 -> text.charAt(WITHOUT_FRACTION - 1) == '.' && !text.startsWith("000", length - 4);
            default -> false;
        };
    }
}
