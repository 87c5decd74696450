package io.logflow.console;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a search asks for, checked: a query string, a time range, levels, services and a
 * page. Built from the request's parameters; anything it cannot take is a {@link BadRequest}.
 */
public record LogQuery(String queryString, Instant from, Instant to, List<String> levels, List<String> services,
                       int page, int size) {

    /** Elasticsearch's own limit on from + size (index.max_result_window). */
    static final int DEEPEST_RESULT = 10_000;
    static final int MAX_QUERY_CHARS = 2_000;
    static final int MAX_PAGE_SIZE = 200;
    static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Map<String, Duration> RANGES = Map.of("15m", Duration.ofMinutes(15), "1h",
            Duration.ofHours(1), "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));
    private static final Set<String> PARAMETERS = Set.of("q", "range", "from", "to", "level", "service", "page", "size");

    /**
     * @param params      the request's query parameters, each with its values
     * @param now         the end of a relative range ("last 15 minutes")
     * @param maxRangeDays the longest range allowed
     */
    public static LogQuery from(Map<String, List<String>> params, Instant now, int maxRangeDays) {
        return from(params, now, maxRangeDays, PARAMETERS);
    }

    static LogQuery from(Map<String, List<String>> params, Instant now, int maxRangeDays, Set<String> allowed) {
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw new BadRequest(name, "unknown parameter '" + name + "'; known: " + String.join(", ", allowed));
            }
        }
        String query = one(params, "q", "").strip();
        if (query.length() > MAX_QUERY_CHARS) {
            throw new BadRequest("q", "the query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        Instant[] range = range(params, now, maxRangeDays);
        List<String> levels = params.getOrDefault("level", List.of()).stream().map(String::toUpperCase).toList();
        levels.stream().filter(level -> !LEVELS.contains(level)).findFirst().ifPresent(level -> {
            throw new BadRequest("level", "unknown level '" + level + "'; one of " + String.join(", ", LEVELS));
        });
        List<String> services = params.getOrDefault("service", List.of());
        services.stream().filter(service -> !SERVICE.matcher(service).matches()).findFirst().ifPresent(service -> {
            throw new BadRequest("service", "a service is 1 to 100 letters, digits, - or _");
        });
        int page = number(params, "page", 0, 0, DEEPEST_RESULT);
        int size = number(params, "size", 50, 1, MAX_PAGE_SIZE);
        if ((long) (page + 1) * size > DEEPEST_RESULT) {
            throw new BadRequest("page", "pages go " + DEEPEST_RESULT + " logs deep at most; narrow the search");
        }
        return new LogQuery(query, range[0], range[1], levels, services, page, size);
    }

    /** The same filters from this moment on, for the live tail. */
    public static LogQuery forTail(Map<String, List<String>> params) {
        return from(params, Instant.now(), Integer.MAX_VALUE, Set.of("q", "level", "service"));
    }

    private static Instant[] range(Map<String, List<String>> params, Instant now, int maxRangeDays) {
        String range = one(params, "range", "1h");
        Instant from;
        Instant to;
        if (range.equals("custom")) {
            from = instant(params, "from");
            to = instant(params, "to");
        } else if (RANGES.containsKey(range)) {
            from = now.minus(RANGES.get(range));
            to = now;
        } else {
            throw new BadRequest("range", "range is one of 15m, 1h, 24h, 7d or custom (with from and to)");
        }
        if (!from.isBefore(to)) {
            throw new BadRequest("from", "from must be before to");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(maxRangeDays)) > 0) {
            throw new BadRequest("range", "a range of at most " + maxRangeDays + " days; this one is "
                    + Duration.between(from, to).toDays() + " days");
        }
        return new Instant[] {from, to};
    }

    private static Instant instant(Map<String, List<String>> params, String name) {
        String value = one(params, name, null);
        if (value == null) {
            throw new BadRequest(name, "a custom range needs '" + name + "' (e.g. 2026-11-28T08:00:00Z)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name, "'" + name + "' is not an instant such as 2026-11-28T08:00:00Z");
        }
    }

    private static int number(Map<String, List<String>> params, String name, int otherwise, int min, int max) {
        String value = one(params, name, null);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new BadRequest(name, "'" + name + "' is a whole number from " + min + " to " + max);
    }

    static String one(Map<String, List<String>> params, String name, String otherwise) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return otherwise;
        }
        if (values.size() > 1) {
            throw new BadRequest(name, "'" + name + "' given " + values.size() + " times; once at most");
        }
        return values.getFirst();
    }
}
