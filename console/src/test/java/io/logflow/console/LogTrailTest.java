package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.LogId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class LogTrailTest {

    private static ConsumerRecord<byte[], byte[]> raw(String header, String value) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("raw_logs", 2, 17L, null, new byte[0]);
        if (header != null) {
            record.headers().add(header, value.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void aRawLogsIdIsItsPlaceAReplaysOwnOrItsClientsName() {
        assertThat(LogTrail.rawLogId(raw(null, null), "T", 2, 17)).isEqualTo(LogId.of("T", 2, 17));
        assertThat(LogTrail.rawLogId(raw(LogId.HEADER, "T-0-3"), "T", 2, 17)).isEqualTo("T-0-3");
        assertThat(LogTrail.rawLogId(raw(LogId.CLIENT_HEADER, "abc"), "T", 2, 17)).isEqualTo(LogId.ofClient("T", "abc"));
    }

    @Test
    void hopsAreInTimeOrderEachWithTheTimeSinceTheOneBefore() {
        List<ObjectNode> hops = new ArrayList<>(List.of(hop("document", 1_700_000_002_500L),
                hop("raw record", 1_700_000_000_000L), hop("parsed record", 1_700_000_001_000L)));
        var ordered = LogTrail.inTimeOrder(hops);
        assertThat(ordered.path(0).path("hop").asText()).isEqualTo("raw record");
        assertThat(ordered.path(0).has("after_ms")).isFalse();
        assertThat(ordered.path(1).path("after_ms").asLong()).isEqualTo(1_000);
        assertThat(ordered.path(2).path("after_ms").asLong()).isEqualTo(1_500);
        assertThat(ordered.path(2).path("time").asText()).isEqualTo("2023-11-14T22:13:22.500Z");
    }

    @Test
    void aCorrelationIdIsCheckedBeforeAnythingIsRead() {
        assertThat(LogTrail.checkedCorrelationId("req-42")).isEqualTo("req-42");
        assertThatThrownBy(() -> LogTrail.checkedCorrelationId("<script>")).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> LogTrail.checkedCorrelationId(null)).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> LogTrail.checkedCorrelationId("x".repeat(129))).isInstanceOf(BadRequest.class);
    }

    private static ObjectNode hop(String name, long timeMs) {
        return Json.mapper().createObjectNode().put("hop", name).put("time_ms", timeMs);
    }
}
