package io.logflow.core.log;

import java.time.Clock;
import java.time.Instant;

/**
 * The current time as RFC 3339 UTC text at millisecond precision (what Elasticsearch's
 * {@code date} keeps), formatted once per millisecond rather than once per log.
 */
public final class NowText {

    private record Formatted(long epochMilli, String text) {}

    private final Clock clock;
    private volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    public NowText(Clock clock) {
        this.clock = clock;
    }

    public String get() {
        long now = clock.millis();
        Formatted formatted = last;
        if (formatted.epochMilli() != now) {
            formatted = new Formatted(now, Instant.ofEpochMilli(now).toString());
            last = formatted;
        }
        return formatted.text();
    }
}
