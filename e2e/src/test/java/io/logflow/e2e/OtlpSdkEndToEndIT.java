package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.audit.AuditReport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real OpenTelemetry SDKs pointed at the ingestor's {@code /v1/logs} unchanged, on one
 * real Kafka and Elasticsearch: the Java SDK's OTLP/HTTP log exporter (protobuf; plain and
 * gzip; it has no public JSON mode) and the JS SDK's (OTLP JSON, run with node, see
 * {@link OtelJs}). Every record is stored once with its message, time, level, service and
 * trace id, and the audit balances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtlpSdkEndToEndIT {

    private static final int RECORDS = 1_500;
    private static final Severity[] SEVERITIES = {Severity.TRACE, Severity.DEBUG2, Severity.INFO, Severity.WARN3,
            Severity.ERROR, Severity.FATAL4};
    private static final String[] LEVELS = {"DEBUG", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

    private TestStack stack;
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    @BeforeAll
    void start() throws Exception {
        stack = TestStack.start().withPipeline();
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** Emits RECORDS logs through the SDK and returns each one's trace id (hex), by message. */
    private Map<String, String> emit(String service, String compression) {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint(stack.ingestorUrl() + "/v1/logs")
                .setCompression(compression)
                .build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), service,
                        AttributeKey.stringKey("deployment.environment"), "e2e"))))
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).setMaxExportBatchSize(500)
                        .setMaxQueueSize(RECORDS).setScheduleDelay(Duration.ofMillis(200)).build())
                .build();
        Logger logger = provider.get("io.logflow.e2e.checkout");
        Map<String, String> traceIds = new java.util.HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            String message = service + " record " + i;
            var builder = logger.logRecordBuilder()
                    .setTimestamp(base.plusMillis(i))
                    .setSeverity(SEVERITIES[i % SEVERITIES.length])
                    .setBody(message)
                    .setAttribute(AttributeKey.longKey("attempt"), (long) i);
            if (i % 3 != 0) {
                String traceId = randomHex(16);
                traceIds.put(message, traceId);
                builder.setContext(Context.root().with(Span.wrap(SpanContext.create(traceId, randomHex(8),
                        TraceFlags.getSampled(), TraceState.getDefault()))));
            }
            builder.emit();
        }
        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("the exporter's export succeeded")
                .isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);
        return traceIds;
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1; // never all zero
        return HexFormat.of().formatHex(id);
    }

    private void assertStoredOnceEach(String service, Map<String, String> traceIds) {
        List<JsonNode> documents = org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> stack.documents("logs-*").stream()
                        .map(hit -> hit.get("_source")).filter(source -> source.path("service").asText().equals(service))
                        .toList(), found -> found.size() >= RECORDS);
        Map<String, JsonNode> byMessage = documents.stream().collect(Collectors.toMap(
                source -> source.get("message").asText(), Function.identity()));
        assertThat(documents).as("no record stored twice").hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            String message = service + " record " + i;
            JsonNode source = byMessage.get(message);
            assertThat(source).as(message).isNotNull();
            assertThat(source.get("timestamp_ms").asLong()).as(message).isEqualTo(base.plusMillis(i).toEpochMilli());
            assertThat(source.get("level").asText()).as(message).isEqualTo(LEVELS[i % LEVELS.length]);
            JsonNode metadata = source.get("metadata");
            assertThat(metadata.path("deployment.environment").asText()).isEqualTo("e2e");
            assertThat(metadata.path("otel.scope.name").asText()).isEqualTo("io.logflow.e2e.checkout");
            assertThat(metadata.path("attempt").asText()).isEqualTo(Integer.toString(i));
            if (traceIds.containsKey(message)) {
                assertThat(metadata.path("trace_id").asText()).isEqualTo(traceIds.get(message));
                assertThat(source.path("correlation_id").asText()).as("the trace id correlates the log")
                        .isEqualTo(traceIds.get(message));
            } else {
                assertThat(metadata.has("trace_id")).isFalse();
            }
        }
    }

    @Test
    @Order(1)
    void theSdksProtobufExportIsStoredOnceWithEveryFieldMapped() {
        assertStoredOnceEach("otel-checkout", emit("otel-checkout", "none"));
    }

    @Test
    @Order(2)
    void theSdksGzipProtobufExportIsStoredOnceWithEveryFieldMapped() {
        assertStoredOnceEach("otel-payments", emit("otel-payments", "gzip"));
    }

    @Test
    @Order(3)
    void theJsSdksOtlpJsonExportIsStoredOnceWithEveryFieldMapped() throws Exception {
        assertStoredOnceEach("otel-js-cart", OtelJs.emit(stack.ingestorUrl() + "/v1/logs", "otel-js-cart", RECORDS, base));
    }

    @Test
    @Order(4)
    void theAuditBalancesAndTheMetricsCountTheOtlpInput() {
        AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(2));
        assertThat(report.stored()).isEqualTo(3L * RECORDS);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.balanced()).as(report.summary()).isTrue();
        assertThat(stack.get(stack.ingestorUrl() + "/metrics").body())
                .contains("ingestor_logs_received_total{input=\"otlp\",stage=\"ingestor\"} " + 3.0 * RECORDS);
    }
}
