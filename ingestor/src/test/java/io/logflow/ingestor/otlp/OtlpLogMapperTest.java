package io.logflow.ingestor.otlp;

import static io.logflow.ingestor.otlp.OtlpRequests.SPAN_ID;
import static io.logflow.ingestor.otlp.OtlpRequests.TRACE_ID;
import static io.logflow.ingestor.otlp.OtlpRequests.attribute;
import static io.logflow.ingestor.otlp.OtlpRequests.record;
import static io.logflow.ingestor.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.LogValidator;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpLogMapperTest {

    private static final long NOW = 1_700_000_000_000_000_000L;
    private final OtlpLogMapper mapper = new OtlpLogMapper(65_536, () -> NOW);

    private JsonNode mapOne(LogRecord.Builder record) throws Exception {
        return mapOne(request("checkout", record));
    }

    private JsonNode mapOne(ExportLogsServiceRequest request) throws Exception {
        List<OtlpLogMapper.MappedLog> logs = mapper.map(request, 10_000, LogRoom.upTo(1 << 24));
        assertThat(logs).hasSize(1);
        byte[] rawLog = logs.getFirst().rawLog();
        assertThat(new LogValidator(65_536).validate(rawLog)).as("a mapped log passes the /log rules").isEmpty();
        return Json.mapper().readTree(rawLog);
    }

    @Test
    void anSdkRecordBecomesALogWithItsTimeLevelMessageServiceAndTraceContext() throws Exception {
        JsonNode log = mapOne(record("payment declined"));
        assertThat(log.get("timestamp").textValue()).isEqualTo("2024-01-15T10:30:00.123456789Z");
        assertThat(log.get("level").textValue()).isEqualTo("WARN");
        assertThat(log.get("message").textValue()).isEqualTo("payment declined");
        assertThat(log.get("service").textValue()).isEqualTo("checkout");
        JsonNode metadata = log.get("metadata");
        assertThat(metadata.get("trace_id").textValue()).isEqualTo(TRACE_ID);
        assertThat(metadata.get("span_id").textValue()).isEqualTo(SPAN_ID);
        assertThat(metadata.get("service.name").textValue()).isEqualTo("checkout");
        assertThat(metadata.get("host.name").textValue()).isEqualTo("web-1");
        assertThat(metadata.get("http.route").textValue()).isEqualTo("/checkout");
        assertThat(metadata.get("otel.scope.name").textValue()).isEqualTo("com.example.Checkout");
        assertThat(metadata.get("otel.scope.version").textValue()).isEqualTo("1.2.0");
        assertThat(metadata.get("severity_text").textValue()).isEqualTo("Warning");
        assertThat(metadata.get("severity_number").textValue()).isEqualTo("13");
    }

    @Test
    void theTraceIdCorrelatesTheLog() throws Exception {
        assertThat(mapper.map(request("checkout", record("x")), 10, LogRoom.upTo(1 << 20)).getFirst().traceId()).isEqualTo(TRACE_ID);
        assertThat(mapper.map(request("checkout", record("x").clearTraceId()), 10, LogRoom.upTo(1 << 20)).getFirst().traceId())
                .isNull();
        assertThat(mapper.map(request("checkout", record("x").setTraceId(
                com.google.protobuf.ByteString.copyFrom(new byte[16]))), 10, LogRoom.upTo(1 << 20)).getFirst().traceId())
                .as("an all-zero trace id is no trace id").isNull();
    }

    @Test
    void withoutATimeTheObservedTimeThenNowIsTheLogsTime() throws Exception {
        assertThat(mapOne(record("x").clearTimeUnixNano()).get("timestamp").textValue())
                .isEqualTo("2024-01-15T10:30:00.123457789Z");
        assertThat(mapOne(record("x").clearTimeUnixNano().clearObservedTimeUnixNano()).get("timestamp").textValue())
                .isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void aTimeBeyondSignedNanosecondsIsReadAsUnsigned() throws Exception {
        // fixed64 2^63 ns: 2262-04-11, not a negative time before 1970
        assertThat(mapOne(record("x").setTimeUnixNano(Long.MIN_VALUE)).get("timestamp").textValue())
                .startsWith("2262-04-11T");
    }

    @ParameterizedTest
    @CsvSource({"1,,DEBUG", "4,,DEBUG", "5,,DEBUG", "9,,INFO", "12,,INFO", "13,,WARN", "17,,ERROR", "20,,ERROR",
            "21,,FATAL", "24,,FATAL", "0,TRACE,DEBUG", "0,warning,WARN", "0,Error,ERROR", "0,critical,FATAL",
            "0,,INFO", "0,LOUD,INFO", "9,FATAL,INFO"})
    void severityNumberElseSeverityTextBecomesOneOfTheFiveLevels(int number, String text, String level) throws Exception {
        LogRecord.Builder record = record("x").setSeverityNumberValue(number).setSeverityText(text == null ? "" : text);
        assertThat(OtlpLogMapper.level(record.build())).isEqualTo(level);
        assertThat(mapOne(record).get("level").textValue()).isEqualTo(level);
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 999, -5})
    void aSeverityNumberOutsideOtlpsRangeRefusesTheRecord(int number) throws Exception {
        List<OtlpLogMapper.MappedLog> logs = new OtlpLogMapper(65_536, () -> 0L)
                .map(request("checkout", record("x").setSeverityNumberValue(number)), 10, LogRoom.upTo(1 << 20));
        assertThat(logs.getFirst().rawLog()).isNull();
        assertThat(logs.getFirst().refusal()).isEqualTo("severityNumber " + number + " is not an OTLP SeverityNumber (0 to 24)");
    }

    @Test
    void aBodyThatIsNotAStringBecomesItsJson() throws Exception {
        AnyValue body = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(attribute("event", "login"))
                .addValues(attribute("attempts", AnyValue.newBuilder().setIntValue(3).build()))
                .addValues(attribute("ratio", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()))
                .addValues(attribute("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setBoolValue(true))).build()))).build();
        assertThat(mapOne(record("x").setBody(body)).get("message").textValue())
                .isEqualTo("{\"event\":\"login\",\"attempts\":3,\"ratio\":\"NaN\",\"tags\":[true]}");
    }

    @Test
    void withoutABodyTheEventNameIsTheMessageAndWithoutEitherTheRecordIsRejectedByTheRules() throws Exception {
        assertThat(mapOne(record("x").clearBody().setEventName("user.login")).get("message").textValue())
                .isEqualTo("user.login");
        byte[] noMessage = mapper.map(request("checkout", record("x").clearBody()), 10, LogRoom.upTo(1 << 20)).getFirst().rawLog();
        assertThat(new LogValidator(65_536).validate(noMessage)).extracting("field").containsExactly("message");
    }

    @Test
    void attributesBecomeMetadataStringsTheRecordsWinningOverTheResources() throws Exception {
        JsonNode metadata = mapOne(record("x")
                .addAttributes(attribute("host.name", "from-record"))
                .addAttributes(attribute("retries", AnyValue.newBuilder().setIntValue(2).build()))
                .addAttributes(attribute("cached", AnyValue.newBuilder().setBoolValue(false).build()))
                .addAttributes(attribute("payload", AnyValue.newBuilder()
                        .setBytesValue(com.google.protobuf.ByteString.copyFromUtf8("hi")).build()))
                .addAttributes(attribute("ids", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1))
                        .addValues(AnyValue.newBuilder().setStringValue("b"))).build())))
                .get("metadata");
        assertThat(metadata.get("host.name").textValue()).isEqualTo("from-record");
        assertThat(metadata.get("retries").textValue()).isEqualTo("2");
        assertThat(metadata.get("cached").textValue()).isEqualTo("false");
        assertThat(metadata.get("payload").textValue()).isEqualTo("aGk=");
        assertThat(metadata.get("ids").textValue()).isEqualTo("[1,\"b\"]");
    }

    @ParameterizedTest
    @CsvSource({"checkout,checkout", "unknown_service:java,unknown_service_java", "my.svc v2,my_svc_v2",
            "'  café ',caf_", "payments-eu_1,payments-eu_1"})
    void theServiceNameIsKeptToLettersDigitsDashAndUnderscore(String name, String service) throws Exception {
        assertThat(mapOne(request(name, record("x"))).get("service").textValue()).isEqualTo(service);
    }

    @Test
    void withoutAServiceNameTheLogHasNoServiceAndTheParserDefaultsIt() throws Exception {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record("x")))).build();
        assertThat(mapOne(request).has("service")).isFalse();
    }

    @Test
    void aRecordWithAHugeAttributeMapIsTooLargeWithoutBeingWrittenOut() throws Exception {
        LogRecord.Builder huge = record("x");
        for (int i = 0; i < 20_000; i++) {
            huge.addAttributes(attribute("key" + i, "value" + i));
        }
        List<OtlpLogMapper.MappedLog> logs = mapper.map(request("checkout", huge, record("small")), 10, LogRoom.upTo(1 << 24));
        assertThat(logs.get(0).rawLog()).isNull();
        assertThat(logs.get(0).refusal()).contains("65536 bytes");
        assertThat(logs.get(1).rawLog()).isNotNull();
    }

    @Test
    void aHugeResourceMakesEachOfItsRecordsTooLarge() throws Exception {
        Resource.Builder resource = Resource.newBuilder();
        for (int i = 0; i < 20_000; i++) {
            resource.addAttributes(attribute("key" + i, "value" + i));
        }
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource).addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record("a"))
                        .addLogRecords(record("b")))).build();
        assertThat(mapper.map(request, 10, LogRoom.upTo(1 << 24))).allSatisfy(log -> {
            assertThat(log.rawLog()).isNull();
            assertThat(log.refusal()).contains("resource and scope attributes");
        });
    }

    @Test
    void tooManyRecordsOrTooManyBytesOnceWrittenOutIs413() {
        ExportLogsServiceRequest three = request("checkout", record("a"), record("b"), record("c"));
        assertThatThrownBy(() -> mapper.map(three, 2, LogRoom.upTo(1 << 20))).isInstanceOf(MalformedOtlpException.class)
                .hasMessageContaining("3 log records; the limit is 2")
                .extracting(e -> ((MalformedOtlpException) e).status()).isEqualTo(413);
        assertThatThrownBy(() -> mapper.map(three, 10, LogRoom.upTo(500))).isInstanceOf(MalformedOtlpException.class)
                .hasMessageContaining("exceed 500 bytes")
                .extracting(e -> ((MalformedOtlpException) e).status()).isEqualTo(413);
    }
}
