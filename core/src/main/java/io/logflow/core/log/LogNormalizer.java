package io.logflow.core.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a raw log, as the ingestor accepted it, into a parsed log: level, timestamp,
 * service and metadata normalised, message hashed, id derived from the record's place
 * in Kafka. Raw records may also come from elsewhere than the ingestor, so nothing is
 * trusted: whatever cannot be normalised raises {@link UnparseableLogException}.
 */
public final class LogNormalizer {

    public static final String UNKNOWN_SERVICE = "unknown";

    private final String processorVersion;

    public LogNormalizer(String processorVersion) {
        this.processorVersion = processorVersion;
    }

    /** @param processedAt RFC 3339 UTC text of the time of parsing */
    public ParsedLog normalise(byte[] rawLog, String id, String processedAt, String correlationId) {
        JsonNode raw = readObject(rawLog);
        Instant timestamp = TimestampParser.parse(requiredText(raw, "timestamp"));
        String message = requiredText(raw, "message");
        String level = optionalText(raw, "level");
        String service = optionalText(raw, "service");

        Map<String, String> metadata = metadata(raw.get("metadata"));
        if (level != null) {
            metadata.put("original_level", level);
        }
        boolean serviceDefaulted = service == null || service.isEmpty();
        if (serviceDefaulted) {
            metadata.put("service_defaulted", "true");
        }
        return new ParsedLog(
                id,
                DateTimeFormatter.ISO_INSTANT.format(timestamp),
                timestamp.toEpochMilli(),
                LogLevel.normalise(level),
                serviceDefaulted ? UNKNOWN_SERVICE : service,
                message,
                MessageHash.of(message),
                metadata,
                processedAt,
                processorVersion,
                correlationId);
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

    private static String requiredText(JsonNode raw, String field) {
        String value = optionalText(raw, field);
        if (value == null || value.isEmpty()) {
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
            throw new UnparseableLogException("wrong_type", field + " must be a string, not " + LogValidator.typeOf(value));
        }
        return value.textValue();
    }

    private static Map<String, String> metadata(JsonNode metadata) {
        Map<String, String> result = new LinkedHashMap<>();
        if (metadata == null || metadata.isNull()) {
            return result;
        }
        if (!metadata.isObject()) {
            throw new UnparseableLogException("wrong_type", "metadata must be an object, not " + LogValidator.typeOf(metadata));
        }
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new UnparseableLogException("wrong_type", "metadata." + entry.getKey() + " must be a string, not "
                        + LogValidator.typeOf(entry.getValue()));
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }
}
