package io.logflow.core.log;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The levels a log may be sent with, and the five it is stored with. */
public final class LogLevel {

    /** Accepted at the door, in any case. */
    public static final List<String> ACCEPTED = List.of("DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "PANIC");

    private static final Map<String, String> NORMALISED = Map.of(
            "DEBUG", "DEBUG",
            "INFO", "INFO",
            "WARN", "WARN",
            "WARNING", "WARN",
            "ERROR", "ERROR",
            "FATAL", "FATAL",
            "PANIC", "FATAL");

    private LogLevel() {}

    public static boolean isAccepted(String level) {
        return NORMALISED.containsKey(level.toUpperCase(Locale.ROOT));
    }

    /** The stored level; anything unknown is stored as INFO rather than lost. */
    public static String normalise(String level) {
        return level == null ? "INFO" : NORMALISED.getOrDefault(level.toUpperCase(Locale.ROOT), "INFO");
    }
}
