package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private static LogQuery query(Map<String, List<String>> params) {
        return LogQuery.from(params, NOW, 92);
    }

    @Test
    void withNoParametersItIsTheLastHourFirstPageEveryLevelAndService() {
        LogQuery query = query(Map.of());
        assertThat(query.queryString()).isEmpty();
        assertThat(query.from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.levels()).isEmpty();
        assertThat(query.page()).isZero();
        assertThat(query.size()).isEqualTo(50);
    }

    @Test
    void aRelativeRangeEndsNowAndACustomOneIsTakenAsGiven() {
        assertThat(query(Map.of("range", List.of("15m"))).from()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        LogQuery custom = query(Map.of("range", List.of("custom"), "from", List.of("2026-11-01T00:00:00Z"),
                "to", List.of("2026-11-02T00:00:00Z")));
        assertThat(custom.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(custom.to()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void levelsAreReadInAnyCaseAndServicesAsGiven() {
        LogQuery query = query(Map.of("level", List.of("error", "WARN"), "service", List.of("api-gateway")));
        assertThat(query.levels()).containsExactly("ERROR", "WARN");
        assertThat(query.services()).containsExactly("api-gateway");
    }

    @Test
    void aRangeLongerThanAllowedIsRefused() {
        assertThatThrownBy(() -> query(Map.of("range", List.of("custom"), "from", List.of("2000-01-01T00:00:00Z"),
                "to", List.of("2026-01-01T00:00:00Z"))))
                .isInstanceOf(BadRequest.class).hasMessageContaining("at most 92 days");
    }

    @Test
    void aCustomRangeNeedsBothEndsInOrder() {
        assertThatThrownBy(() -> query(Map.of("range", List.of("custom"), "from", List.of("2026-01-01T00:00:00Z"))))
                .isInstanceOf(BadRequest.class).hasMessageContaining("needs 'to'");
        assertThatThrownBy(() -> query(Map.of("range", List.of("custom"), "from", List.of("2026-01-02T00:00:00Z"),
                "to", List.of("2026-01-01T00:00:00Z"))))
                .isInstanceOf(BadRequest.class).hasMessageContaining("before");
        assertThatThrownBy(() -> query(Map.of("range", List.of("custom"), "from", List.of("yesterday"),
                "to", List.of("2026-01-01T00:00:00Z"))))
                .isInstanceOf(BadRequest.class).hasMessageContaining("not an instant");
    }

    @Test
    void unknownRangesLevelsServicesAndParametersAreRefusedByName() {
        assertThat(field(Map.of("range", List.of("1y")))).isEqualTo("range");
        assertThat(field(Map.of("level", List.of("LOUD")))).isEqualTo("level");
        assertThat(field(Map.of("service", List.of("a b")))).isEqualTo("service");
        assertThat(field(Map.of("sort", List.of("x")))).isEqualTo("sort");
        assertThat(field(Map.of("q", List.of("a", "b")))).isEqualTo("q");
        assertThat(field(Map.of("q", List.of("x".repeat(2001))))).isEqualTo("q");
    }

    @Test
    void pagesAreBoundedBySizeAndElasticsearchsDeepestResult() {
        assertThat(field(Map.of("page", List.of("-1")))).isEqualTo("page");
        assertThat(field(Map.of("page", List.of("two")))).isEqualTo("page");
        assertThat(field(Map.of("size", List.of("0")))).isEqualTo("size");
        assertThat(field(Map.of("size", List.of("201")))).isEqualTo("size");
        assertThat(field(Map.of("page", List.of("50"), "size", List.of("200")))).isEqualTo("page");
        assertThat(query(Map.of("page", List.of("49"), "size", List.of("200"))).page()).isEqualTo(49);
    }

    @Test
    void theTailTakesOnlyItsFilters() {
        assertThat(LogQuery.forTail(Map.of("q", List.of("timeout"), "level", List.of("ERROR"))).queryString())
                .isEqualTo("timeout");
        assertThatThrownBy(() -> LogQuery.forTail(Map.of("page", List.of("2"))))
                .isInstanceOf(BadRequest.class).hasMessageContaining("unknown parameter 'page'");
    }

    private static String field(Map<String, List<String>> params) {
        try {
            query(params);
            throw new AssertionError("accepted " + params);
        } catch (BadRequest e) {
            assertThat(e.status()).isEqualTo(400);
            return e.field();
        }
    }
}
