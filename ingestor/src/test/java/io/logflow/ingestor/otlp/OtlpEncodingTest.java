package io.logflow.ingestor.otlp;

import static io.logflow.ingestor.otlp.OtlpRequests.SPAN_ID;
import static io.logflow.ingestor.otlp.OtlpRequests.TRACE_ID;
import static io.logflow.ingestor.otlp.OtlpRequests.hex;
import static io.logflow.ingestor.otlp.OtlpRequests.record;
import static io.logflow.ingestor.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpEncodingTest {

    /** An OTLP JSON request as the specification's examples write it: hex ids, int64 as strings, enums as ints. */
    static final String JSON_REQUEST = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
             "scopeLogs":[{"scope":{"name":"com.example"},"logRecords":[{
               "timeUnixNano":"1705314600123456789","observedTimeUnixNano":1705314600123457789,
               "severityNumber":17,"severityText":"Error","body":{"stringValue":"payment declined"},
               "attributes":[{"key":"retries","value":{"intValue":"2"}}],
               "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"eee19b7ec3c1b174",
               "someFieldFromTheFuture":{"x":1}}]}]}]}""";

    private static ExportLogsServiceRequest decodeJson(String json) throws MalformedOtlpException {
        return OtlpEncoding.JSON.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void otlpJsonIsReadWithHexIdsInt64StringsIntEnumsAndUnknownFieldsIgnored() throws Exception {
        LogRecord record = decodeJson(JSON_REQUEST).getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(hex(record.getTraceId().toByteArray())).isEqualTo(TRACE_ID);
        assertThat(hex(record.getSpanId().toByteArray())).isEqualTo(SPAN_ID);
        assertThat(record.getTimeUnixNano()).isEqualTo(1_705_314_600_123_456_789L);
        assertThat(record.getObservedTimeUnixNano()).isEqualTo(1_705_314_600_123_457_789L);
        assertThat(record.getSeverityNumberValue()).isEqualTo(17);
        assertThat(record.getBody().getStringValue()).isEqualTo("payment declined");
        assertThat(record.getAttributes(0).getValue().getIntValue()).isEqualTo(2);
    }

    @Test
    void protobufIsReadAsTheClassesWriteIt() throws Exception {
        ExportLogsServiceRequest sent = request("checkout", record("a"), record("b"));
        assertThat(OtlpEncoding.PROTOBUF.decode(sent.toByteArray())).isEqualTo(sent);
    }

    @Test
    void anOutOfRangeSeverityNumberIsDecodedForTheMapperToRefuse() throws Exception {
        byte[] protobuf = request("checkout", record("x").setSeverityNumberValue(999)).toByteArray();
        assertThat(OtlpEncoding.PROTOBUF.decode(protobuf).getResourceLogs(0).getScopeLogs(0).getLogRecords(0)
                .getSeverityNumberValue()).isEqualTo(999);
        assertThat(decodeJson(JSON_REQUEST.replace("\"severityNumber\":17", "\"severityNumber\":999"))
                .getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getSeverityNumberValue()).isEqualTo(999);
    }

    @Test
    void aSeverityNumberByItsProtoNameIsRead() throws Exception {
        LogRecord record = decodeJson(JSON_REQUEST.replace("\"severityNumber\":17",
                "\"severityNumber\":\"SEVERITY_NUMBER_ERROR\"")).getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(record.getSeverityNumberValue()).isEqualTo(17);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"LOUD\"", "1e40", "2.5", "\"99999999999\""})
    void aSeverityNumberThatIsNoIntegerNorOtlpNameIsA400(String severity) {
        // the lenient parser would drop it and the log would be stored as INFO
        assertThatThrownBy(() -> decodeJson(JSON_REQUEST.replace("\"severityNumber\":17", "\"severityNumber\":" + severity)))
                .isInstanceOfSatisfying(MalformedOtlpException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("is not an OTLP SeverityNumber");
                });
    }

    @Test
    void everyTruncationOfAProtobufRequestIsDecodedOrRefusedAs400() {
        byte[] whole = request("checkout", record("payment declined"), record("retry")).toByteArray();
        int refused = 0;
        for (int length = 0; length < whole.length; length++) {
            try {
                OtlpEncoding.PROTOBUF.decode(Arrays.copyOf(whole, length));
            } catch (MalformedOtlpException e) {
                assertThat(e.status()).isEqualTo(400);
                refused++;
            }
        }
        assertThat(refused).as("most cuts fall inside a field").isGreaterThan(whole.length / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json", "[]", "{\"resourceLogs\":{}}", "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[1]}]}]}",
            "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"xyz\"}]}]}]}",
            "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"spanId\":\"abc\"}]}]}]}",
            "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"yesterday\"}]}]}]}",
            "{\"resourceLogs\":[], \"resourceLogs\":[]}", "{\"resourceLogs\":[]} trailing"})
    void jsonThatIsNotAnOtlpRequestIs400(String body) {
        assertThatThrownBy(() -> decodeJson(body)).isInstanceOfSatisfying(MalformedOtlpException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void answersAreWrittenInTheRequestsEncoding() throws Exception {
        OtlpAnswer json = OtlpAnswer.exported(OtlpEncoding.JSON, 2, "2 of 3 rejected");
        assertThat(json.headers()).containsEntry("Content-Type", "application/json");
        assertThat(new String(json.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"partialSuccess\":{\"rejectedLogRecords\":\"2\",\"errorMessage\":\"2 of 3 rejected\"}}");
        OtlpAnswer protobuf = OtlpAnswer.exported(OtlpEncoding.PROTOBUF, 0, "");
        assertThat(protobuf.headers()).containsEntry("Content-Type", "application/x-protobuf");
        assertThat(ExportLogsServiceResponse.parseFrom(protobuf.body()).hasPartialSuccess())
                .as("a full success leaves partial_success unset").isFalse();
    }

    @Test
    void failuresCarryAGoogleRpcStatusInTheRequestsEncoding() throws Exception {
        OtlpAnswer protobuf = OtlpAnswer.failed(OtlpEncoding.PROTOBUF, 400, "bad body");
        UnknownFieldSet status = UnknownFieldSet.parseFrom(protobuf.body());
        assertThat(status.getField(1).getVarintList()).containsExactly(3L);
        assertThat(status.getField(2).getLengthDelimitedList().getFirst().toStringUtf8()).isEqualTo("bad body");
        OtlpAnswer json = OtlpAnswer.unavailable(OtlpEncoding.JSON, 7, "Kafka is away");
        assertThat(json.status()).isEqualTo(503);
        assertThat(json.headers()).containsEntry("Retry-After", "7");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{\"code\":14,\"message\":\"Kafka is away\"}");
    }
}
