package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchBodyTest {

    private static final Instant TO = Instant.parse("2026-11-28T10:00:00Z");

    private static LogQuery query(String q, Duration range, List<String> levels, List<String> services, int page) {
        return new LogQuery(q, TO.minus(range), TO, levels, services, page, 50);
    }

    @Test
    void newestFirstInTheTimeRangeWithThePagesOffset() {
        JsonNode body = SearchBody.search(query("", Duration.ofHours(1), List.of(), List.of(), 2));
        assertThat(body.path("from").asInt()).isEqualTo(100);
        assertThat(body.path("size").asInt()).isEqualTo(50);
        assertThat(body.path("sort").path(0).path("timestamp").path("order").asText()).isEqualTo("desc");
        JsonNode range = body.path("query").path("bool").path("filter").path(0).path("range").path("timestamp");
        assertThat(range.path("gte").asText()).isEqualTo("2026-11-28T09:00:00Z");
        assertThat(range.path("lt").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(body.path("query").path("bool").has("must")).isFalse();
    }

    @Test
    void theQueryStringIsElasticsearchsQueryStringOnTheMessageByDefault() {
        JsonNode queryString = SearchBody.search(query("timeout AND service:api", Duration.ofHours(1), List.of(),
                List.of(), 0)).path("query").path("bool").path("must").path(0).path("query_string");
        assertThat(queryString.path("query").asText()).isEqualTo("timeout AND service:api");
        assertThat(queryString.path("default_field").asText()).isEqualTo("message");
    }

    @Test
    void eachFacetIsCountedWithTheOtherFacetsFilterOnly() {
        JsonNode body = SearchBody.search(query("", Duration.ofHours(1), List.of("ERROR"), List.of("api"), 0));
        JsonNode postFilter = body.path("post_filter").path("bool").path("filter");
        assertThat(postFilter.toString()).contains("\"level\":[\"ERROR\"]").contains("\"service\":[\"api\"]");
        String levels = body.path("aggs").path("levels").path("filter").toString();
        assertThat(levels).contains("service").doesNotContain("level");
        String services = body.path("aggs").path("services").path("filter").toString();
        assertThat(services).contains("level").doesNotContain("service");
        assertThat(body.path("aggs").path("histogram").path("filter").toString()).contains("level").contains("service");
    }

    @Test
    void theHistogramHasAtMostSixtyBucketsOverTheWholeRange() {
        assertThat(SearchBody.interval(query("", Duration.ofMinutes(15), List.of(), List.of(), 0)))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(SearchBody.interval(query("", Duration.ofHours(1), List.of(), List.of(), 0)))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(SearchBody.interval(query("", Duration.ofHours(24), List.of(), List.of(), 0)))
                .isEqualTo(Duration.ofMinutes(30));
        JsonNode histogram = SearchBody.search(query("", Duration.ofHours(1), List.of(), List.of(), 0))
                .path("aggs").path("histogram").path("aggs").path("over_time").path("date_histogram");
        assertThat(histogram.path("fixed_interval").asText()).isEqualTo("60s");
        assertThat(histogram.path("extended_bounds").path("min").asLong()).isEqualTo(TO.minus(Duration.ofHours(1)).toEpochMilli());
    }

    @Test
    void theTailAsksForWhatWasIndexedAfterTheLastLogItSent() {
        JsonNode body = SearchBody.tail(query("x", Duration.ofHours(1), List.of("WARN"), List.of(), 0),
                List.of(1700000000000L, "abc"), 1700000005000L, 500);
        assertThat(body.path("size").asInt()).isEqualTo(500);
        assertThat(body.path("sort").path(0).path("indexed_at").path("order").asText()).isEqualTo("asc");
        assertThat(body.path("search_after").toString()).isEqualTo("[1700000000000,\"abc\"]");
        assertThat(body.path("query").toString()).contains("WARN").contains("query_string").doesNotContain("timestamp");
        assertThat(body.path("query").path("bool").path("filter").path(1).path("range").path("indexed_at").path("lt")
                .asLong()).isEqualTo(1700000005000L);
    }
}
