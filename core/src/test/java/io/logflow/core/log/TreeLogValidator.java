package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The door's check of a log's JSON as it was before {@link LogValidator} read it with a
 * streaming parser: the whole body read into a tree, then its fields looked up. Kept as the
 * reference the streaming path must agree with, not for speed; the checks of the body's
 * bytes (empty, size, encoding), which did not change, are not repeated here.
 */
final class TreeLogValidator {

    private static final String TIMESTAMP_FORMS =
            "timestamp must be RFC 3339, or YYYY-MM-DDTHH:MM:SS (or a space for the T) with optional .mmm and Z";

    private TreeLogValidator() {}

    static List<ValidationError> validate(byte[] body) {
        JsonNode log;
        try {
            log = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(new ValidationError("json", "request body is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return List.of(new ValidationError("json", "request body is not valid JSON: " + e.getMessage()));
        }
        return validate(log);
    }

    static List<ValidationError> validate(JsonNode log) {
        if (log == null || !log.isObject()) {
            return List.of(new ValidationError("json", "a log must be a JSON object"));
        }
        List<ValidationError> errors = new ArrayList<>();
        requiredString(log, "timestamp", errors).filter(timestamp -> !TimestampParser.hasAcceptedForm(timestamp))
                .ifPresent(timestamp -> errors.add(new ValidationError("timestamp", TIMESTAMP_FORMS)));
        requiredString(log, "level", errors).filter(level -> !LogLevel.isAccepted(level))
                .ifPresent(level -> errors.add(new ValidationError("level",
                        "level must be one of " + String.join(", ", LogLevel.ACCEPTED) + " (any case)")));
        requiredString(log, "message", errors).map(LogMessage::problem)
                .ifPresent(problem -> errors.add(new ValidationError("message", problem)));
        optionalString(log, "service", errors).map(LogService::problem)
                .ifPresent(problem -> errors.add(new ValidationError("service", problem)));
        checkMetadata(log.get("metadata"), errors::add);
        return errors;
    }

    /** Hands each problem of a metadata tree to {@code problems}, named by its field: metadata, or metadata.KEY. */
    static void checkMetadata(JsonNode metadata, Consumer<ValidationError> problems) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject()) {
            problems.accept(LogMetadata.notAnObject(metadata.asToken()));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            if (!entry.getValue().isTextual()) {
                problems.accept(LogMetadata.notAString(entry.getKey(), entry.getValue().asToken()));
            }
        }
    }

    private static Optional<String> requiredString(JsonNode log, String field, List<ValidationError> errors) {
        JsonNode value = log.get(field);
        if (value == null || value.isNull()) {
            errors.add(new ValidationError(field, field + " is required"));
            return Optional.empty();
        }
        return string(field, value, errors);
    }

    private static Optional<String> optionalString(JsonNode log, String field, List<ValidationError> errors) {
        JsonNode value = log.get(field);
        return value == null || value.isNull() ? Optional.empty() : string(field, value, errors);
    }

    private static Optional<String> string(String field, JsonNode value, List<ValidationError> errors) {
        if (!value.isTextual()) {
            errors.add(ValidationError.notAString(field, value.asToken()));
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }
}
