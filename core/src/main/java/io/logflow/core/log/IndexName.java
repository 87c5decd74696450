package io.logflow.core.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The daily index a log belongs in: {@code {prefix}-yyyy.MM.dd} of its UTC timestamp. */
public final class IndexName {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private IndexName() {}

    public static String of(String prefix, Instant timestamp) {
        return prefix + "-" + DAY.format(timestamp);
    }

    public static String of(String prefix, long timestampMs) {
        return of(prefix, Instant.ofEpochMilli(timestampMs));
    }
}
