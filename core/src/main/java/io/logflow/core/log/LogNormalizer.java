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
 * trusted: a raw log that breaks a rule of the door's ({@link LogValidator}) raises
 * {@link UnparseableLogException}, except that a missing or unknown level is stored as INFO.
 */
public final class LogNormalizer {

    private final String processorVersion;

    public LogNormalizer(String processorVersion) {
        this.processorVersion = processorVersion;
    }

    /** @param processedAt RFC 3339 UTC text of the time of parsing */
    public ParsedLog normalise(byte[] rawLog, String id, String processedAt, String correlationId) {
        JsonNode raw = readObject(rawLog);
        Instant timestamp = TimestampParser.parse(requiredText(raw, "timestamp"));
        String message = requiredText(raw, "message");
        rejectIf(LogMessage.problem(message), "invalid_message");
        String level = optionalText(raw, "level");
        String service = optionalText(raw, "service");
        rejectIf(LogService.problem(service), "invalid_service");

        Map<String, String> metadata = metadata(raw.get("metadata"));
        if (level != null) {
            metadata.put("original_level", level);
        }
        boolean serviceDefaulted = LogService.isMissing(service);
        if (serviceDefaulted) {
            metadata.put("service_defaulted", "true");
        }
        return new ParsedLog(
                id,
                DateTimeFormatter.ISO_INSTANT.format(timestamp),
                timestamp.toEpochMilli(),
                LogLevel.normalise(level),
                serviceDefaulted ? LogService.UNKNOWN : service,
                message,
                MessageHash.of(message),
                metadata,
                processedAt,
                processorVersion,
                correlationId,
                null);
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
            throw new UnparseableLogException("wrong_type", ValidationError.notAString(field, value).message());
        }
        return value.textValue();
    }

    private static Map<String, String> metadata(JsonNode metadata) {
        LogMetadata.check(metadata, problem -> {
            throw new UnparseableLogException("wrong_type", problem.message());
        });
        Map<String, String> result = new LinkedHashMap<>();
        if (metadata != null) {
            for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
                result.put(entry.getKey(), entry.getValue().textValue());
            }
        }
        return result;
    }
}
