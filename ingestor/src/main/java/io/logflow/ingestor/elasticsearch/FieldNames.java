package io.logflow.ingestor.elasticsearch;

import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Which document fields hold a log's message, time, level and service, each a list
 * tried in order. The configured ones ({@code ingestor.fields}; the defaults cover what
 * the usual shippers send) hold unless a request names its own with query arguments or
 * headers, as VictoriaLogs' {@code _msg_field} does:
 * {@code _msg_field}, {@code _time_field}, {@code _level_field}, {@code _service_field}
 * (or headers {@code LogFlow-Msg-Field}, …), comma-separated.
 */
public record FieldNames(List<String> message, List<String> time, List<String> level, List<String> service) {

    /** The configured names ({@code ingestor.fields}); a list left empty would refuse every document. */
    public static FieldNames of(LogFlowConfig.Ingestor.Fields fields) {
        for (List<String> names : List.of(fields.message(), fields.time(), fields.level(), fields.service())) {
            if (names.isEmpty()) {
                throw new ConfigException("ingestor.fields.message, .time, .level and .service must each name"
                        + " at least one field");
            }
        }
        return new FieldNames(fields.message(), fields.time(), fields.level(), fields.service());
    }

    /** @param argument a query argument or header by its name, null when absent */
    public FieldNames overriddenBy(UnaryOperator<String> argument) {
        return new FieldNames(
                named(argument, "_msg_field", "LogFlow-Msg-Field", message),
                named(argument, "_time_field", "LogFlow-Time-Field", time),
                named(argument, "_level_field", "LogFlow-Level-Field", level),
                named(argument, "_service_field", "LogFlow-Service-Field", service));
    }

    private static List<String> named(UnaryOperator<String> argument, String query, String header, List<String> fallback) {
        String value = argument.apply(query);
        if (value == null || value.isBlank()) {
            value = argument.apply(header);
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }
}
