package io.logflow.ingestor.otlp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.logflow.core.json.Json;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The two encodings of OTLP/HTTP: binary protobuf and OTLP's JSON, which is proto3's JSON
 * mapping except that trace and span ids are hex, not base64. A request is answered in
 * the encoding it came in.
 */
public enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final String contentType;

    OtlpEncoding(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The encoding a {@code Content-Type} names (parameters such as charset ignored), if OTLP has it. */
    public static Optional<OtlpEncoding> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/x-protobuf", "application/protobuf" -> Optional.of(PROTOBUF);
            case "application/json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }

    ExportLogsServiceRequest decode(byte[] body) throws MalformedOtlpException {
        try {
            return this == PROTOBUF ? ExportLogsServiceRequest.parseFrom(body) : decodeJson(body);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedOtlpException(400, "the body is not an OTLP ExportLogsServiceRequest in "
                    + contentType + ": " + e.getMessage());
        }
    }

    private static ExportLogsServiceRequest decodeJson(byte[] body)
            throws MalformedOtlpException, InvalidProtocolBufferException {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new MalformedOtlpException(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedOtlpException(400, "the body is not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedOtlpException(400, "the body must be a JSON object (an ExportLogsServiceRequest)");
        }
        readableRecords(tree);
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        try {
            JSON_PARSER.merge(tree.toString(), request);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonFormat reports some mistyped values (a number where an object belongs) this way
            throw new InvalidProtocolBufferException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return request.build();
    }

    /**
     * OTLP JSON's one departure from proto3 JSON that {@link JsonFormat} does not know: a
     * log record's {@code traceId} and {@code spanId} are hex (any case). They are
     * rewritten as the base64 that JsonFormat reads for bytes. And a {@code severityNumber}
     * that is neither an integer nor a name OTLP has is refused here: the parser, lenient
     * for unknown fields, would drop it silently and the log would be stored as INFO.
     */
    private static void readableRecords(JsonNode request) throws MalformedOtlpException {
        for (JsonNode resourceLogs : request.path("resourceLogs")) {
            for (JsonNode scopeLogs : resourceLogs.path("scopeLogs")) {
                for (JsonNode record : scopeLogs.path("logRecords")) {
                    if (record instanceof ObjectNode fields) {
                        hexToBase64(fields, "traceId");
                        hexToBase64(fields, "spanId");
                        knownSeverity(fields.get("severityNumber"));
                    }
                }
            }
        }
    }

    /** A name or a number OTLP's SeverityNumber has; a wrong type is JsonFormat's own refusal. */
    private static void knownSeverity(JsonNode severity) throws MalformedOtlpException {
        boolean known = severity == null || !severity.isValueNode() || severity.isBoolean() || severity.isNull()
                || (severity.isIntegralNumber() && severity.canConvertToInt())
                || (severity.isTextual() && (severity.textValue().matches("-?[0-9]{1,9}")
                        || SeverityNumber.getDescriptor().findValueByName(severity.textValue()) != null));
        if (!known) {
            throw new MalformedOtlpException(400, "logRecords[].severityNumber " + abbreviate(severity.toString())
                    + " is not an OTLP SeverityNumber (an integer from 0 to 24)");
        }
    }

    private static void hexToBase64(ObjectNode record, String field) throws MalformedOtlpException {
        JsonNode id = record.get(field);
        if (id == null || !id.isTextual()) {
            return; // absent, or a type JsonFormat rejects itself
        }
        try {
            record.put(field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(id.textValue())));
        } catch (IllegalArgumentException e) {
            throw new MalformedOtlpException(400, "logRecords[]." + field + " must be hex, not '"
                    + abbreviate(id.textValue()) + "'");
        }
    }

    byte[] encode(MessageOrBuilder message) {
        if (this == PROTOBUF) {
            return ((Message) message).toByteArray();
        }
        try {
            return JSON_PRINTER.print(message).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an OTLP answer could not be printed as JSON", e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
