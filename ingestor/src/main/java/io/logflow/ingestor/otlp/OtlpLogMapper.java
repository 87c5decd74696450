package io.logflow.ingestor.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.logflow.core.json.Json;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns the log records of an OTLP request into LogFlow raw logs, the JSON a client of
 * {@code POST /log} would have sent:
 * <ul>
 * <li>{@code timestamp}: {@code timeUnixNano}, else {@code observedTimeUnixNano}, else now;</li>
 * <li>{@code level}: from {@code severityNumber} (TRACE and DEBUG → DEBUG, INFO, WARN, ERROR,
 *     FATAL), else from a {@code severityText} LogFlow knows, else INFO;</li>
 * <li>{@code message}: the body when it is a string, any other body as JSON, else the
 *     {@code eventName};</li>
 * <li>{@code service}: the resource's {@code service.name}, each character outside
 *     letters, digits, '-' and '_' replaced by '_';</li>
 * <li>{@code metadata}: the resource's, scope's and record's attributes (in that order, a
 *     later key replacing an earlier one), values as strings (non-strings as JSON), plus
 *     {@code trace_id}, {@code span_id} (hex), {@code severity_text},
 *     {@code severity_number}, {@code event_name}, {@code otel.scope.name} and
 *     {@code otel.scope.version} when set.</li>
 * </ul>
 * A record whose log would be larger than the limit of one log is not written out: it
 * comes back with the reason instead, so that a huge attribute map costs at most the limit.
 * So does a record whose {@code severityNumber} is outside OTLP's 0–24 (protobuf enums
 * are open: any number decodes), rather than being stored with a level guessed.
 */
public final class OtlpLogMapper {

    /** One record's raw log (or why there is none: the record is refused) and the trace id that correlates it, if it has one. */
    public record MappedLog(byte[] rawLog, String traceId, String refusal) {}

    private static final JsonFactory JSON = Json.mapper().getFactory();
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] LEVEL_BY_SEVERITY_NUMBER = {
            "INFO", "DEBUG", "DEBUG", "DEBUG", "DEBUG", "DEBUG", "DEBUG", "DEBUG", "DEBUG",
            "INFO", "INFO", "INFO", "INFO", "WARN", "WARN", "WARN", "WARN",
            "ERROR", "ERROR", "ERROR", "ERROR", "FATAL", "FATAL", "FATAL", "FATAL"};
    private static final Map<String, String> LEVEL_BY_SEVERITY_TEXT = Map.ofEntries(
            Map.entry("TRACE", "DEBUG"), Map.entry("DEBUG", "DEBUG"), Map.entry("INFO", "INFO"),
            Map.entry("NOTICE", "INFO"), Map.entry("WARN", "WARN"), Map.entry("WARNING", "WARN"),
            Map.entry("ERROR", "ERROR"), Map.entry("ERR", "ERROR"), Map.entry("CRITICAL", "FATAL"),
            Map.entry("FATAL", "FATAL"), Map.entry("PANIC", "FATAL"), Map.entry("EMERGENCY", "FATAL"),
            Map.entry("ALERT", "FATAL"));

    private final int maxLogBytes;
    private final LongSupplier nowNanos;

    /**
     * @param maxLogBytes the largest raw log worth writing out (the accept path's limit for one log)
     * @param nowNanos    the time of a record that carries none, in epoch nanoseconds
     */
    public OtlpLogMapper(int maxLogBytes, LongSupplier nowNanos) {
        this.maxLogBytes = maxLogBytes;
        this.nowNanos = nowNanos;
    }

    /**
     * @param room takes the bytes of each log as it is written out
     * @throws MalformedOtlpException 413 when the request holds more than {@code maxLogs}
     *         records; whatever {@code room} refuses a log with
     */
    public List<MappedLog> map(ExportLogsServiceRequest request, int maxLogs, LogRoom room)
            throws MalformedOtlpException {
        int records = countRecords(request);
        if (records > maxLogs) {
            throw new MalformedOtlpException(413, "the request holds " + records + " log records; the limit is "
                    + maxLogs + " (send smaller batches)");
        }
        List<MappedLog> logs = new ArrayList<>(records);
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            List<KeyValue> resource = resourceLogs.getResource().getAttributesList();
            String service = service(resource);
            Map<String, String> resourceMetadata = new LinkedHashMap<>();
            long resourceBytes = flatten(resource, resourceMetadata, maxLogBytes);
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (MappedLog log : mapScope(scopeLogs, service, resourceMetadata, resourceBytes)) {
                    if (log.rawLog() != null) {
                        room.take(log.rawLog().length);
                    }
                    logs.add(log);
                }
            }
        }
        return logs;
    }

    private static int countRecords(ExportLogsServiceRequest request) {
        int records = 0;
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                records += scopeLogs.getLogRecordsCount();
            }
        }
        return records;
    }

    /** A scope's records, each with the resource's and the scope's attributes. */
    private List<MappedLog> mapScope(ScopeLogs scopeLogs, String service, Map<String, String> resourceMetadata,
                                     long resourceBytes) {
        if (scopeLogs.getLogRecordsCount() == 0) {
            return List.of();
        }
        Map<String, String> shared = new LinkedHashMap<>(resourceMetadata);
        long sharedBytes = resourceBytes
                + flatten(scopeLogs.getScope().getAttributesList(), shared, maxLogBytes - resourceBytes);
        putIfSet(shared, "otel.scope.name", scopeLogs.getScope().getName());
        putIfSet(shared, "otel.scope.version", scopeLogs.getScope().getVersion());
        List<MappedLog> logs = new ArrayList<>(scopeLogs.getLogRecordsCount());
        for (LogRecord record : scopeLogs.getLogRecordsList()) {
            logs.add(sharedBytes > maxLogBytes
                    ? tooLarge(record, "its resource and scope attributes alone exceed " + maxLogBytes + " bytes")
                    : map(record, service, shared, sharedBytes));
        }
        return logs;
    }

    private MappedLog map(LogRecord record, String service, Map<String, String> shared, long sharedBytes) {
        if (record.getSeverityNumberValue() < 0 || record.getSeverityNumberValue() >= LEVEL_BY_SEVERITY_NUMBER.length) {
            return refused(record, "severityNumber " + record.getSeverityNumberValue()
                    + " is not an OTLP SeverityNumber (0 to 24)");
        }
        String traceId = hexId(record.getTraceId());
        // the record's own metadata; the resource's and scope's are written beside it, not copied for each record
        Map<String, String> own = new LinkedHashMap<>();
        long bytes = sharedBytes + flatten(record.getAttributesList(), own, maxLogBytes - sharedBytes);
        String message = message(record);
        if (bytes + message.length() > maxLogBytes) {
            return tooLarge(record, "its message and attributes exceed " + maxLogBytes + " bytes");
        }
        putIfSet(own, "trace_id", traceId);
        putIfSet(own, "span_id", hexId(record.getSpanId()));
        putIfSet(own, "severity_text", record.getSeverityText());
        if (record.getSeverityNumberValue() != 0) {
            own.put("severity_number", Integer.toString(record.getSeverityNumberValue()));
        }
        putIfSet(own, "event_name", record.getEventName());
        int size = (int) Math.min(maxLogBytes, 256 + bytes + message.length());
        return new MappedLog(write(record, message, service, shared, own, size), traceId, null);
    }

    /** The raw log; an entry of {@code own} replaces the shared one of the same key. */
    private byte[] write(LogRecord record, String message, String service, Map<String, String> shared,
                         Map<String, String> own, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try (JsonGenerator log = JSON.createGenerator(out)) {
            log.writeStartObject();
            log.writeStringField("timestamp", timestamp(record));
            log.writeStringField("level", level(record));
            log.writeStringField("message", message);
            if (service != null) {
                log.writeStringField("service", service);
            }
            log.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> entry : shared.entrySet()) {
                if (!own.containsKey(entry.getKey())) {
                    log.writeStringField(entry.getKey(), entry.getValue());
                }
            }
            for (Map.Entry<String, String> entry : own.entrySet()) {
                log.writeStringField(entry.getKey(), entry.getValue());
            }
            log.writeEndObject();
            log.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static MappedLog tooLarge(LogRecord record, String reason) {
        return refused(record, "the log record is too large: " + reason);
    }

    private static MappedLog refused(LogRecord record, String reason) {
        return new MappedLog(null, hexId(record.getTraceId()), reason);
    }

    private String timestamp(LogRecord record) {
        long nanos = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano()
                : record.getObservedTimeUnixNano() != 0 ? record.getObservedTimeUnixNano() : nowNanos.getAsLong();
        // fixed64: unsigned, so that a time after 2262 is not read as one before 1970
        Instant time = Instant.ofEpochSecond(Long.divideUnsigned(nanos, 1_000_000_000L),
                Long.remainderUnsigned(nanos, 1_000_000_000L));
        return DateTimeFormatter.ISO_INSTANT.format(time);
    }

    static String level(LogRecord record) {
        int number = record.getSeverityNumberValue();
        if (number > 0 && number < LEVEL_BY_SEVERITY_NUMBER.length) {
            return LEVEL_BY_SEVERITY_NUMBER[number];
        }
        String text = record.getSeverityText().strip().toUpperCase(Locale.ROOT);
        return LEVEL_BY_SEVERITY_TEXT.getOrDefault(text, "INFO");
    }

    private static String message(LogRecord record) {
        AnyValue body = record.getBody();
        return switch (body.getValueCase()) {
            case STRING_VALUE -> body.getStringValue();
            case VALUE_NOT_SET -> record.getEventName();
            default -> json(body);
        };
    }

    /** The resource's {@code service.name} as a LogFlow service name, or null when it has none. */
    static String service(List<KeyValue> resource) {
        String name = null;
        for (KeyValue attribute : resource) {
            if (attribute.getKey().equals("service.name")) {
                name = string(attribute.getValue());
            }
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        StringBuilder service = new StringBuilder(name.length());
        name.strip().codePoints().forEach(c -> service.append(
                c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? (char) c : '_'));
        return service.toString();
    }

    /**
     * Adds the attributes to {@code metadata} as strings and returns about how many bytes
     * they take, stopping once that passes {@code budget}.
     */
    private static long flatten(List<KeyValue> attributes, Map<String, String> metadata, long budget) {
        long bytes = 0;
        for (KeyValue attribute : attributes) {
            String value = string(attribute.getValue());
            metadata.put(attribute.getKey(), value);
            bytes += attribute.getKey().length() + value.length() + 6;
            if (bytes > budget) {
                return bytes;
            }
        }
        return bytes;
    }

    private static void putIfSet(Map<String, String> metadata, String key, String value) {
        if (value != null && !value.isEmpty()) {
            metadata.put(key, value);
        }
    }

    private static String hexId(ByteString id) {
        return id.isEmpty() || isAllZero(id) ? null : HEX.formatHex(id.toByteArray());
    }

    private static boolean isAllZero(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** An attribute value as a metadata string: strings as they are, anything else as JSON. */
    private static String string(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case VALUE_NOT_SET -> "";
            default -> json(value);
        };
    }

    private static String json(AnyValue value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            write(value, json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return text.toString();
    }

    private static void write(AnyValue value, JsonGenerator json) throws IOException {
        switch (value.getValueCase()) {
            case STRING_VALUE -> json.writeString(value.getStringValue());
            case BOOL_VALUE -> json.writeBoolean(value.getBoolValue());
            case INT_VALUE -> json.writeNumber(value.getIntValue());
            case DOUBLE_VALUE -> writeDouble(value.getDoubleValue(), json);
            case BYTES_VALUE -> json.writeString(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                json.writeStartArray();
                for (AnyValue element : value.getArrayValue().getValuesList()) {
                    write(element, json);
                }
                json.writeEndArray();
            }
            case KVLIST_VALUE -> {
                json.writeStartObject();
                for (KeyValue entry : value.getKvlistValue().getValuesList()) {
                    json.writeFieldName(entry.getKey());
                    write(entry.getValue(), json);
                }
                json.writeEndObject();
            }
            default -> json.writeNull();
        }
    }

    /** JSON has no NaN or infinities: those are written as strings. */
    private static void writeDouble(double value, JsonGenerator json) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value));
        }
    }
}
