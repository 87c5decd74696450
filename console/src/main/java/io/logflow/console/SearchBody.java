package io.logflow.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import java.time.Duration;
import java.util.List;

/**
 * The Elasticsearch request bodies of the console's searches, built from a {@link LogQuery}.
 * The level and service filters go in a {@code post_filter}, and each facet's counts are
 * filtered by the other facet only, so the level counts still show the levels not chosen.
 */
final class SearchBody {

    /** Histogram bucket widths, smallest first; the first that gives at most {@link #MAX_BUCKETS} wins. */
    private static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));
    static final int MAX_BUCKETS = 60;

    private SearchBody() {}

    /** A page of logs, newest first, with level and service counts and the histogram. */
    static ObjectNode search(LogQuery query) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("from", query.page() * query.size());
        body.put("size", query.size());
        body.put("track_total_hits", true);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("timestamp").put("order", "desc");
        sort.addObject().putObject("id").put("order", "desc");
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("range").putObject("timestamp").put("gte", query.from().toString())
                .put("lt", query.to().toString()).put("format", "strict_date_optional_time");
        queryString(query.queryString(), bool);
        body.set("post_filter", facets(query, true, true));
        ObjectNode aggs = body.putObject("aggs");
        aggs.set("levels", facet(facets(query, false, true), "level", 10));
        aggs.set("services", facet(facets(query, true, false), "service", 50));
        aggs.set("histogram", histogram(query, facets(query, true, true)));
        return body;
    }

    /**
     * The logs indexed after {@code searchAfter} and before {@code settledBeforeMs}, oldest
     * first: the live tail's next step. A document is stamped {@code indexed_at} before its
     * bulk request and searchable only after a refresh, so the newest seconds are left for
     * the next step, lest a document stamped earlier but searchable later be skipped.
     */
    static ObjectNode tail(LogQuery query, List<Object> searchAfter, long settledBeforeMs, int size) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", size);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("indexed_at").put("order", "asc");
        sort.addObject().putObject("id").put("order", "asc");
        ArrayNode after = body.putArray("search_after");
        searchAfter.forEach(value -> {
            if (value instanceof Long number) {
                after.add(number);
            } else {
                after.add(String.valueOf(value));
            }
        });
        ObjectNode bool = body.putObject("query").putObject("bool");
        queryString(query.queryString(), bool);
        ArrayNode filter = bool.putArray("filter");
        filter.add(facets(query, true, true));
        filter.addObject().putObject("range").putObject("indexed_at").put("lt", settledBeforeMs)
                .put("format", "epoch_millis");
        return body;
    }

    /** Every document of one correlation id, oldest first. */
    static ObjectNode byCorrelationId(String correlationId, int size) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", size);
        body.putArray("sort").addObject().putObject("timestamp").put("order", "asc");
        body.putObject("query").putObject("term").put("correlation_id", correlationId);
        return body;
    }

    static Duration interval(LogQuery query) {
        Duration range = Duration.between(query.from(), query.to());
        return INTERVALS.stream().filter(each -> range.dividedBy(each) <= MAX_BUCKETS).findFirst()
                .orElse(INTERVALS.getLast());
    }

    private static void queryString(String queryString, ObjectNode bool) {
        if (!queryString.isEmpty()) {
            bool.putArray("must").addObject().putObject("query_string").put("query", queryString)
                    .put("default_field", "message").put("default_operator", "AND");
        }
    }

    private static ObjectNode facets(LogQuery query, boolean byLevel, boolean byService) {
        ObjectNode bool = Json.mapper().createObjectNode();
        ArrayNode filter = bool.putObject("bool").putArray("filter");
        if (byLevel && !query.levels().isEmpty()) {
            filter.addObject().putObject("terms").set("level", Json.mapper().valueToTree(query.levels()));
        }
        if (byService && !query.services().isEmpty()) {
            filter.addObject().putObject("terms").set("service", Json.mapper().valueToTree(query.services()));
        }
        return bool;
    }

    private static ObjectNode facet(ObjectNode filter, String field, int size) {
        ObjectNode aggregation = Json.mapper().createObjectNode();
        aggregation.set("filter", filter);
        aggregation.putObject("aggs").putObject("values").putObject("terms").put("field", field).put("size", size);
        return aggregation;
    }

    private static ObjectNode histogram(LogQuery query, ObjectNode filter) {
        ObjectNode aggregation = Json.mapper().createObjectNode();
        aggregation.set("filter", filter);
        ObjectNode overTime = aggregation.putObject("aggs").putObject("over_time");
        overTime.putObject("date_histogram").put("field", "timestamp")
                .put("fixed_interval", interval(query).toSeconds() + "s").put("min_doc_count", 0)
                .putObject("extended_bounds").put("min", query.from().toEpochMilli())
                .put("max", query.to().toEpochMilli() - 1);
        overTime.putObject("aggs").putObject("levels").putObject("terms").put("field", "level").put("size", 10);
        return aggregation;
    }
}
