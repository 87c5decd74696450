package io.logflow.ingestor.elasticsearch;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Which document fields hold a log's message, time, level and service, each a list
 * tried in order. The defaults cover what the usual shippers send; a request names
 * its own with query arguments or headers, as VictoriaLogs' {@code _msg_field} does:
 * {@code _msg_field}, {@code _time_field}, {@code _level_field}, {@code _service_field}
 * (or headers {@code LogFlow-Msg-Field}, …), comma-separated.
 */
public record FieldNames(List<String> message, List<String> time, List<String> level, List<String> service) {

    public static final FieldNames DEFAULTS = new FieldNames(
            // ECS/Beats, syslog-ng, Fluent Bit (tail/docker), rsyslog's msg property, GELF, VictoriaLogs
            List.of("message", "MESSAGE", "msg", "log", "short_message", "_msg", "event.original"),
            // ECS, LogFlow, Fluent Bit (time_key / date), rsyslog, syslog-ng
            List.of("@timestamp", "timestamp", "time", "timereported", "ISODATE", "date", "ts", "_time",
                    "timegenerated"),
            List.of("log.level", "level", "severity", "priority", "PRIORITY", "loglevel", "log_level",
                    "log.syslog.severity.name", "syslog.severity", "severity_text"),
            List.of("service.name", "service", "programname", "PROGRAM", "app", "appname", "application",
                    "log.syslog.appname", "syslog.appname", "process.name", "tag", "kubernetes.container_name",
                    "container_name"));

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
