package io.logflow.ingestor.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** OTLP requests for tests, built with the opentelemetry-proto classes a real client uses. */
public final class OtlpRequests {

    public static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    public static final String SPAN_ID = "eee19b7ec3c1b174";
    /** 2024-01-15T10:30:00.123456789Z */
    public static final long TIME_NANOS = 1_705_314_600_123_456_789L;

    private OtlpRequests() {}

    public static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    public static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    /** A record as an SDK writes it: time, severity, a string body, trace context, one attribute. */
    public static LogRecord.Builder record(String message) {
        return LogRecord.newBuilder()
                .setTimeUnixNano(TIME_NANOS)
                .setObservedTimeUnixNano(TIME_NANOS + 1_000)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
                .setSeverityText("Warning")
                .setBody(AnyValue.newBuilder().setStringValue(message))
                .setTraceId(ByteString.fromHex(TRACE_ID))
                .setSpanId(ByteString.fromHex(SPAN_ID))
                .addAttributes(attribute("http.route", "/checkout"));
    }

    public static ExportLogsServiceRequest request(String service, LogRecord.Builder... records) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("com.example.Checkout").setVersion("1.2.0"));
        for (LogRecord.Builder record : records) {
            scope.addLogRecords(record);
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(attribute("service.name", service))
                        .addAttributes(attribute("host.name", "web-1")))
                .addScopeLogs(scope)).build();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
