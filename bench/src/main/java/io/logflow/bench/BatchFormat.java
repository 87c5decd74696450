package io.logflow.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a batch of the benchmark's logs is sent: LogFlow's own {@code POST /logs} NDJSON,
 * the Elasticsearch-compatible {@code _bulk} (a {@code create} action per document), or
 * an OTLP/HTTP protobuf export (a resource per service, as an SDK groups its records).
 * The same logs ({@link BenchLogs}) whatever the door.
 */
enum BatchFormat {
    LOGS("/logs", "application/x-ndjson"),
    BULK("/_bulk", "application/x-ndjson"),
    OTLP("/v1/logs", "application/x-protobuf");

    private static final byte[] CREATE = "{\"create\":{}}\n".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, Integer> SEVERITY_NUMBER = Map.of("DEBUG", 5, "INFO", 9, "WARN", 13, "ERROR", 17);

    final String path;
    final String contentType;

    BatchFormat(String path, String contentType) {
        this.path = path;
        this.contentType = contentType;
    }

    byte[] body(long from, long to, Instant now) {
        if (this == OTLP) {
            return otlp(from, to, now);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (long n = from; n < to; n++) {
            if (this == BULK) {
                body.writeBytes(CREATE);
            }
            body.writeBytes(BenchLogs.rawBytes(n, now));
            body.write('\n');
        }
        return body.toByteArray();
    }

    /** Whether a 200's body says every log was taken. */
    boolean allAccepted(byte[] answer) {
        return switch (this) {
            case LOGS -> !new String(answer, StandardCharsets.UTF_8).contains("\"errors\":true");
            case BULK -> new String(answer, StandardCharsets.UTF_8).contains("\"errors\":false");
            case OTLP -> rejected(answer) == 0;
        };
    }

    private static long rejected(byte[] answer) {
        try {
            return ExportLogsServiceResponse.parseFrom(answer).getPartialSuccess().getRejectedLogRecords();
        } catch (InvalidProtocolBufferException e) {
            return -1;
        }
    }

    private static byte[] otlp(long from, long to, Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Map<String, ScopeLogs.Builder> byService = new LinkedHashMap<>();
        for (long n = from; n < to; n++) {
            String level = BenchLogs.level(n);
            byService.computeIfAbsent(BenchLogs.service(n), service -> ScopeLogs.newBuilder())
                    .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(nanos)
                            .setSeverityNumberValue(SEVERITY_NUMBER.get(level)).setSeverityText(level)
                            .setBody(string(BenchLogs.message(n)))
                            .addAttributes(attribute("host", "host-" + (n % 7))));
        }
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        byService.forEach((service, scope) -> request.addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addScopeLogs(scope)));
        return request.build().toByteArray();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(string(value)).build();
    }

    private static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }
}
