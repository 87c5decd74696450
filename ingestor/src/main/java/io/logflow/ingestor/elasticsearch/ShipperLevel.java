package io.logflow.ingestor.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A shipper's level onto LogFlow's five: syslog severity names (rsyslog's
 * {@code priority} text, syslog-ng's {@code PRIORITY}) and numbers (0 emerg … 7 debug),
 * the usual words of logging libraries, and bunyan/pino numbers (10 trace … 60 fatal).
 */
final class ShipperLevel {

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("trace", "DEBUG"), Map.entry("debug", "DEBUG"), Map.entry("dbg", "DEBUG"),
            Map.entry("verbose", "DEBUG"), Map.entry("finest", "DEBUG"), Map.entry("finer", "DEBUG"),
            Map.entry("fine", "DEBUG"),
            Map.entry("info", "INFO"), Map.entry("information", "INFO"), Map.entry("informational", "INFO"),
            Map.entry("notice", "INFO"), Map.entry("config", "INFO"), Map.entry("default", "INFO"),
            Map.entry("warn", "WARN"), Map.entry("warning", "WARN"),
            Map.entry("err", "ERROR"), Map.entry("error", "ERROR"), Map.entry("severe", "ERROR"),
            Map.entry("crit", "FATAL"), Map.entry("critical", "FATAL"), Map.entry("alert", "FATAL"),
            Map.entry("emerg", "FATAL"), Map.entry("emergency", "FATAL"), Map.entry("panic", "FATAL"),
            Map.entry("fatal", "FATAL"));

    private static final String[] SYSLOG_SEVERITIES = {"FATAL", "FATAL", "FATAL", "ERROR", "WARN", "INFO", "INFO", "DEBUG"};

    private ShipperLevel() {}

    /** LogFlow's level for a shipper's, or empty when it is not a level LogFlow knows. */
    static Optional<String> of(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isIntegralNumber()) {
            return ofNumber(value.asLong());
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.textValue().trim().toLowerCase(Locale.ROOT);
        if (!text.isEmpty() && text.length() <= 3 && text.chars().allMatch(Character::isDigit)) {
            return ofNumber(Long.parseLong(text));
        }
        return Optional.ofNullable(WORDS.get(text));
    }

    private static Optional<String> ofNumber(long number) {
        if (number >= 0 && number < SYSLOG_SEVERITIES.length) {
            return Optional.of(SYSLOG_SEVERITIES[(int) number]);
        }
        if (number >= 10 && number <= 60) { // bunyan / pino
            return Optional.of(number < 30 ? "DEBUG" : number < 40 ? "INFO" : number < 50 ? "WARN"
                    : number < 60 ? "ERROR" : "FATAL");
        }
        return Optional.empty();
    }
}
