package io.logflow.ingestor.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.LogValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShipperDocumentTest {

    private static final Instant ARRIVED = Instant.parse("2026-11-28T12:00:00Z");

    private static JsonNode map(String document) throws Exception {
        return map(document, DefaultFieldNames.DEFAULTS);
    }

    private static JsonNode map(String document, FieldNames names) throws Exception {
        ShipperDocument.Mapped mapped = ShipperDocument.map(document.getBytes(StandardCharsets.UTF_8), names, ARRIVED);
        assertThat(mapped.error()).isNull();
        assertThat(new LogValidator(65_536).validate(mapped.rawLog())).as("the raw log meets the /log rules").isEmpty();
        return Json.mapper().readTree(mapped.rawLog());
    }

    private static String error(String document) {
        return ShipperDocument.map(document.getBytes(StandardCharsets.UTF_8), DefaultFieldNames.DEFAULTS, ARRIVED).error();
    }

    @Test
    void anEcsDocumentFromBeats() throws Exception {
        JsonNode log = map("""
                {"@timestamp":"2024-05-01T10:00:00.123Z","message":"GET /","log":{"level":"warning","file":{"path":"/var/log/a"}},
                 "service":{"name":"web-api"},"host":{"name":"h1"},"tags":["a","b"],"event":{"duration":1500}}""");
        assertThat(log.get("timestamp").textValue()).isEqualTo("2024-05-01T10:00:00.123Z");
        assertThat(log.get("level").textValue()).isEqualTo("WARN");
        assertThat(log.get("message").textValue()).isEqualTo("GET /");
        assertThat(log.get("service").textValue()).isEqualTo("web-api");
        assertThat(Json.mapper().convertValue(log.get("metadata"), Map.class)).isEqualTo(Map.of(
                "log.level", "warning", "log.file.path", "/var/log/a", "host.name", "h1", "tags", "[\"a\",\"b\"]",
                "event.duration", "1500"));
    }

    @Test
    void rsyslogsDefaultOmelasticsearchTemplate() throws Exception {
        JsonNode log = map("""
                {"message":" disk full","fromhost":"db1","facility":"daemon","priority":"err",
                 "timereported":"2024-05-01T12:00:00.5+02:00","timegenerated":"2024-05-01T12:00:01+02:00","programname":"sshd"}""");
        assertThat(log.get("timestamp").textValue()).isEqualTo("2024-05-01T10:00:00.500Z");
        assertThat(log.get("level").textValue()).isEqualTo("ERROR");
        assertThat(log.get("message").textValue()).isEqualTo(" disk full");
        assertThat(log.get("service").textValue()).isEqualTo("sshd");
        assertThat(log.get("metadata").get("priority").textValue()).isEqualTo("err");
        assertThat(log.get("metadata").get("timegenerated").textValue()).isEqualTo("2024-05-01T12:00:01+02:00");
    }

    @Test
    void syslogNgsElasticsearchHttpFields() throws Exception {
        JsonNode log = map("""
                {"ISODATE":"2024-05-01T10:00:00+00:00","PRIORITY":"crit","MESSAGE":"kernel panic","PROGRAM":"kernel","HOST":"n1"}""");
        assertThat(log.get("timestamp").textValue()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(log.get("level").textValue()).isEqualTo("FATAL");
        assertThat(log.get("message").textValue()).isEqualTo("kernel panic");
        assertThat(log.get("service").textValue()).isEqualTo("kernel");
        assertThat(log.get("metadata").get("HOST").textValue()).isEqualTo("n1");
    }

    @Test
    void fluentBitsLogAndFractionalDate() throws Exception {
        JsonNode log = map("{\"date\":1714557600.25,\"log\":\"started\",\"stream\":\"stdout\"}");
        assertThat(log.get("timestamp").textValue()).isEqualTo("2024-05-01T10:00:00.250Z");
        assertThat(log.get("message").textValue()).isEqualTo("started");
        assertThat(log.get("level").textValue()).isEqualTo("INFO");
        assertThat(log.has("service")).isFalse();
    }

    @Test
    void msgTimeSeverityAndNumericLevels() throws Exception {
        JsonNode log = map("{\"msg\":\"m\",\"time\":\"2024-05-01 10:00:00\",\"severity\":\"Warning\"}");
        assertThat(log.get("timestamp").textValue()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(log.get("level").textValue()).isEqualTo("WARN");
        assertThat(map("{\"msg\":\"m\",\"level\":50}").get("level").textValue()).isEqualTo("ERROR"); // pino
        assertThat(map("{\"msg\":\"m\",\"level\":\"3\"}").get("level").textValue()).isEqualTo("ERROR"); // syslog
    }

    @ParameterizedTest
    @CsvSource({
            "1714557600, 2024-05-01T10:00:00Z",
            "1714557600123, 2024-05-01T10:00:00.123Z",
            "1714557600123456, 2024-05-01T10:00:00.123456Z",
            "1714557600123456789, 2024-05-01T10:00:00.123456789Z",
            "'\"1714557600123\"', 2024-05-01T10:00:00.123Z",
            "'\"2024-05-01T10:00:00\"', 2024-05-01T10:00:00Z",
            "'\"2024-05-01T12:00:00.1+02:00\"', 2024-05-01T10:00:00.100Z"})
    void epochsInEveryUnitAndTimeText(String time, String expected) throws Exception {
        assertThat(map("{\"message\":\"m\",\"@timestamp\":" + time + "}").get("timestamp").textValue()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"emerg, FATAL", "alert, FATAL", "crit, FATAL", "err, ERROR", "warning, WARN", "notice, INFO",
            "info, INFO", "debug, DEBUG", "trace, DEBUG", "0, FATAL", "4, WARN", "6, INFO", "7, DEBUG", "60, FATAL",
            "10, DEBUG", "PANIC, FATAL"})
    void syslogSeveritiesAndNumbersBecomeLogFlowsFiveLevels(String sent, String level) throws Exception {
        String value = sent.chars().allMatch(Character::isDigit) ? sent : "\"" + sent + "\"";
        assertThat(map("{\"message\":\"m\",\"level\":" + value + "}").get("level").textValue()).isEqualTo(level);
    }

    @Test
    void noTimeOrAnUnreadableOneMeansTheTimeItArrivedAndTheTextIsKept() throws Exception {
        assertThat(map("{\"message\":\"m\"}").get("timestamp").textValue()).isEqualTo("2026-11-28T12:00:00Z");
        JsonNode log = map("{\"message\":\"m\",\"time\":\"yesterday\",\"level\":\"loud\"}");
        assertThat(log.get("timestamp").textValue()).isEqualTo("2026-11-28T12:00:00Z");
        assertThat(log.get("level").textValue()).isEqualTo("INFO");
        assertThat(log.get("metadata").get("time").textValue()).isEqualTo("yesterday");
        assertThat(log.get("metadata").get("level").textValue()).isEqualTo("loud");
    }

    @Test
    void aServiceOutsideTheRulesIsMadeValidAndTheOriginalKept() throws Exception {
        JsonNode log = map("{\"message\":\"m\",\"service\":{\"name\":\"billing.api v2\"}}");
        assertThat(log.get("service").textValue()).isEqualTo("billing_api_v2");
        assertThat(log.get("metadata").get("service.name").textValue()).isEqualTo("billing.api v2");
    }

    @Test
    void aRequestNamesItsOwnFields() throws Exception {
        FieldNames names = DefaultFieldNames.DEFAULTS.overriddenBy(Map.of("_msg_field", "text, body",
                "LogFlow-Service-Field", "component")::get);
        JsonNode log = map("{\"message\":\"not this\",\"body\":\"this\",\"component\":\"c1\"}", names);
        assertThat(log.get("message").textValue()).isEqualTo("this");
        assertThat(log.get("service").textValue()).isEqualTo("c1");
        assertThat(log.get("metadata").get("message").textValue()).isEqualTo("not this");
    }

    @Test
    void documentsWithoutAUsableMessageOrNotObjectsFailWithTheReason() {
        assertThat(error("{\"level\":\"info\"}")).contains("no message").contains("message", "MESSAGE", "msg");
        assertThat(error("{\"message\":\"\"}")).contains("no message");
        assertThat(error("[1]")).isEqualTo("the document must be a JSON object");
        assertThat(error("\"text\"")).isEqualTo("the document must be a JSON object");
        assertThat(error("{\"message\":")).startsWith("the document is not JSON");
    }
}
