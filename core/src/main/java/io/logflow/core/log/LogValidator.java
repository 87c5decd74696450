package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ingestor's check of one submitted log. Body-level problems (empty, too large, not
 * JSON) stop at the first; content problems are all reported together. The fields' rules
 * are the parser's too: {@link TimestampParser}, {@link LogLevel}, {@link LogMessage},
 * {@link LogService}, {@link LogMetadata}.
 */
public final class LogValidator {

    public static final List<String> REQUIRED_FIELDS = List.of("timestamp", "level", "message");

    private static final String TIMESTAMP_FORMS =
            "timestamp must be RFC 3339, or YYYY-MM-DDTHH:MM:SS (or a space for the T) with optional .mmm and Z";

    private final int maxBodyBytes;

    public LogValidator(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public List<ValidationError> validate(byte[] body) {
        if (body.length == 0 || isBlank(body)) {
            return List.of(new ValidationError("body", "request body is empty"));
        }
        if (body.length > maxBodyBytes) {
            return List.of(new ValidationError(
                    "body", "request body is " + body.length + " bytes; the limit is " + maxBodyBytes));
        }
        if (!looksLikeUtf8Json(body)) {
            return List.of(new ValidationError("body",
                    "request body must be UTF-8 JSON without a byte-order mark"));
        }
        if (!isUtf8(body)) {
            return List.of(new ValidationError("body", "request body is not valid UTF-8"));
        }
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

    public List<ValidationError> validate(JsonNode log) {
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
        LogMetadata.check(log.get("metadata"), errors::add);
        return errors;
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

    /**
     * Jackson would guess UTF-16 or UTF-32 from a byte-order mark or zero bytes and skip a
     * UTF-8 byte-order mark; JSON on the wire is UTF-8 without one (RFC 8259), so the first
     * two bytes must be ASCII.
     */
    private static boolean looksLikeUtf8Json(byte[] body) {
        for (int i = 0; i < Math.min(2, body.length); i++) {
            if (body[i] <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Strictly: Jackson lets overlong encodings (0xC0 0xAF for '/') through. */
    private static boolean isUtf8(byte[] body) {
        if (isAscii(body)) { // most logs: no decoder and no buffer of chars per log
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
