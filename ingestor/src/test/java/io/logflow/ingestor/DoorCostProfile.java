package io.logflow.ingestor;

import static io.logflow.ingestor.otlp.OtlpRequests.attribute;

import io.logflow.core.log.LogValidator;
import io.logflow.ingestor.elasticsearch.BulkRequest;
import io.logflow.ingestor.elasticsearch.DefaultFieldNames;
import io.logflow.ingestor.elasticsearch.ShipperDocument;
import io.logflow.ingestor.otlp.LogRoom;
import io.logflow.ingestor.otlp.OtlpLogMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The ingestor's CPU per log at each door, without HTTP or Kafka: a batch of 1,000 logs
 * decoded, mapped and validated as {@code POST /logs}, {@code _bulk} and OTLP protobuf
 * do it, in a loop. Not a test: run it by hand, with JFR to see where the time goes
 * (docs/benchmarks.md shows how).
 */
public final class DoorCostProfile {

    private static final int LOGS = 1_000;
    private static final LogValidator VALIDATOR = new LogValidator(65_536);

    private DoorCostProfile() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        byte[] ndjson = ndjson(false);
        byte[] bulk = ndjson(true);
        byte[] otlp = otlp();
        OtlpLogMapper mapper = new OtlpLogMapper(65_536, () -> 0L);
        for (String door : List.of("logs", "bulk", "otlp", "logs", "bulk", "otlp")) { // the second pass is warm
            long cpuBefore = cpuNanos();
            for (int round = 0; round < rounds; round++) {
                switch (door) {
                    case "logs" -> LogBatch.split(ndjson).forEach(VALIDATOR::validate);
                    case "bulk" -> BulkRequest.decode(bulk, null).actions().forEach(action -> VALIDATOR.validate(
                            ShipperDocument.map(action.document(), DefaultFieldNames.DEFAULTS, Instant.EPOCH).rawLog()));
                    default -> mapper.map(ExportLogsServiceRequest.parseFrom(otlp), LOGS, LogRoom.upTo(Long.MAX_VALUE))
                            .forEach(log -> VALIDATOR.validate(log.rawLog()));
                }
            }
            System.out.printf("%-5s %6.0f ns of CPU per log%n", door, (cpuNanos() - cpuBefore) / (double) rounds / LOGS);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The benchmark's kind of log (bench/BenchLogs): ~180 bytes, five services, one metadata field. */
    private static String log(int n) {
        return "{\"timestamp\":\"2026-11-28T10:00:00.123Z\",\"level\":\"INFO\",\"message\":\"request " + n
                + " completed in " + (n % 997) + " ms for user " + (n % 10_007) + "\",\"service\":\"service-" + (n % 5)
                + "\",\"metadata\":{\"host\":\"host-" + (n % 7) + "\"}}";
    }

    private static byte[] ndjson(boolean withActions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int n = 0; n < LOGS; n++) {
            body.writeBytes(((withActions ? "{\"create\":{}}\n" : "") + log(n) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return body.toByteArray();
    }

    private static byte[] otlp() {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (int service = 0; service < 5; service++) {
            ScopeLogs.Builder scope = ScopeLogs.newBuilder();
            for (int n = service; n < LOGS; n += 5) {
                scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_795_860_000_123_000_000L)
                        .setSeverityNumberValue(9).setSeverityText("INFO")
                        .setBody(AnyValue.newBuilder().setStringValue("request " + n + " completed in " + (n % 997)
                                + " ms for user " + (n % 10_007)))
                        .addAttributes(attribute("host", "host-" + (n % 7))));
            }
            // what an SDK's default resource holds, besides the service's name
            request.addResourceLogs(ResourceLogs.newBuilder().setResource(Resource.newBuilder()
                            .addAttributes(attribute("service.name", "service-" + service))
                            .addAttributes(attribute("service.version", "1.4.2"))
                            .addAttributes(attribute("telemetry.sdk.language", "java"))
                            .addAttributes(attribute("telemetry.sdk.name", "opentelemetry"))
                            .addAttributes(attribute("telemetry.sdk.version", "1.68.0"))
                            .addAttributes(attribute("host.name", "web-" + service))
                            .addAttributes(attribute("process.pid", "4242")))
                    .addScopeLogs(scope.setScope(InstrumentationScope.newBuilder().setName("com.example.Checkout"))));
        }
        return request.build().toByteArray();
    }
}
