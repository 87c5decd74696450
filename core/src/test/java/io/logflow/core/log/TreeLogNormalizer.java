package io.logflow.core.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The parser's normalisation as it was before {@link LogNormalizer} read raw logs with a
 * streaming parser: the whole raw log read into a tree, the parsed log built as another.
 * Kept as the reference the streaming path must agree with, not for speed.
 */
final class TreeLogNormalizer {

    private TreeLogNormalizer() {}

    static JsonNode normalise(byte[] rawLog, String id, String processedAt, String correlationId, String ingestKey) {
        JsonNode raw = readObject(rawLog);
        Instant timestamp = TimestampParser.parse(requiredText(raw, "timestamp"));
        String message = requiredText(raw, "message");
        rejectIf(LogMessage.problem(message), "invalid_message");
        String level = optionalText(raw, "level");
        String service = optionalText(raw, "service");
        rejectIf(LogService.problem(service), "invalid_service");
        TreeLogValidator.checkMetadata(raw.get("metadata"), problem -> {
            throw new UnparseableLogException("wrong_type", problem.message());
        });
        ObjectNode metadata = Json.mapper().createObjectNode();
        if (raw.get("metadata") instanceof ObjectNode sent) {
            metadata.setAll(sent);
        }
        if (level != null) {
            metadata.put("original_level", level);
        }
        if (LogService.isMissing(service)) {
            metadata.put("service_defaulted", "true");
        }
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        ObjectNode parsed = Json.mapper().createObjectNode()
                .put("id", id)
                .put("timestamp", DateTimeFormatter.ISO_INSTANT.format(timestamp))
                .put("timestamp_ms", timestamp.toEpochMilli())
                .put("level", LogLevel.normalise(level))
                .put("service", LogService.isMissing(service) ? LogService.UNKNOWN : service)
                .put("message", message)
                .put("message_hash", MessageHash.of(utf8, 0, utf8.length));
        parsed.set("metadata", metadata);
        parsed.put("processed_at", processedAt).put("processor_version", "1.0.0");
        if (correlationId != null) {
            parsed.put("correlation_id", correlationId);
        }
        if (ingestKey != null) {
            parsed.put("ingest_key", ingestKey);
        }
        return parsed;
    }

    private static JsonNode readObject(byte[] rawLog) {
        JsonNode raw;
        try {
            raw = Json.mapper().readTree(rawLog);
        } catch (IOException e) {
            throw new UnparseableLogException("not_json", "raw log is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (raw == null || !raw.isObject()) {
            throw new UnparseableLogException("not_an_object", "raw log is not a JSON object");
        }
        return raw;
    }

    private static void rejectIf(String problem, String kind) {
        if (problem != null) {
            throw new UnparseableLogException(kind, problem);
        }
    }

    private static String requiredText(JsonNode raw, String field) {
        String value = optionalText(raw, field);
        if (value == null) {
            throw new UnparseableLogException("missing_field", field + " is missing");
        }
        return value;
    }

    private static String optionalText(JsonNode raw, String field) {
        JsonNode value = raw.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new UnparseableLogException("wrong_type", ValidationError.notAString(field, value.asToken()).message());
        }
        return value.textValue();
    }
}
