package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 *
 * <p>The log is read in one streaming pass, as the parser reads it ({@link RawLog}), with
 * the answers the tree it replaced gave. But strings that need no checking are skipped, not
 * decoded, so Jackson's limit on a string's length (20,000,000 chars) is not applied: only a
 * {@code max_body_bytes} above that could tell.
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

    /** A body's problems and, for a valid log, the service it names, read in the same pass. */
    public static final class Verdict {
        private final List<ValidationError> errors;
        private final RawLog.Field service;

        private Verdict(List<ValidationError> errors, RawLog.Field service) {
            this.errors = errors;
            this.service = service;
        }

        private static Verdict refused(String field, String problem) {
            return new Verdict(List.of(new ValidationError(field, problem)), null);
        }

        public List<ValidationError> errors() {
            return errors;
        }

        /** The service a valid log names, null if it names none (or is not valid). */
        public String service() {
            return errors.isEmpty() && service != null && !service.isMissing() ? service.string().text() : null;
        }
    }

    public List<ValidationError> validate(byte[] body) {
        return verdict(body).errors();
    }

    public Verdict verdict(byte[] body) {
        if (body.length == 0 || isBlank(body)) {
            return Verdict.refused("body", "request body is empty");
        }
        if (body.length > maxBodyBytes) {
            return Verdict.refused("body", "request body is " + body.length + " bytes; the limit is " + maxBodyBytes);
        }
        if (!looksLikeUtf8Json(body)) {
            return Verdict.refused("body", "request body must be UTF-8 JSON without a byte-order mark");
        }
        if (!isUtf8(body)) {
            return Verdict.refused("body", "request body is not valid UTF-8");
        }
        RawLog log;
        try {
            log = RawLog.readObject(body, false);
        } catch (JsonProcessingException e) {
            return Verdict.refused("json", "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Verdict.refused("json", "request body is not valid JSON: " + e.getMessage());
        }
        return log == null ? Verdict.refused("json", "a log must be a JSON object") : new Verdict(check(log), log.service);
    }

    private static List<ValidationError> check(RawLog log) {
        List<ValidationError> errors = new ArrayList<>();
        required(log.timestamp, errors).map(RawString::text).filter(timestamp -> !TimestampParser.hasAcceptedForm(timestamp))
                .ifPresent(timestamp -> errors.add(new ValidationError("timestamp", TIMESTAMP_FORMS)));
        required(log.level, errors).map(RawString::text).filter(level -> !LogLevel.isAccepted(level))
                .ifPresent(level -> errors.add(new ValidationError("level",
                        "level must be one of " + String.join(", ", LogLevel.ACCEPTED) + " (any case)")));
        required(log.message, errors).map(LogMessage::problem)
                .ifPresent(problem -> errors.add(new ValidationError("message", problem)));
        optional(log.service, errors).map(RawString::text).map(LogService::problem)
                .ifPresent(problem -> errors.add(new ValidationError("service", problem)));
        errors.addAll(log.metadata.problems());
        return errors;
    }

    private static Optional<RawString> required(RawLog.Field field, List<ValidationError> errors) {
        if (field.isMissing()) {
            errors.add(new ValidationError(field.name(), field.name() + " is required"));
            return Optional.empty();
        }
        return string(field, errors);
    }

    private static Optional<RawString> optional(RawLog.Field field, List<ValidationError> errors) {
        return field.isMissing() ? Optional.empty() : string(field, errors);
    }

    private static Optional<RawString> string(RawLog.Field field, List<ValidationError> errors) {
        if (field.string() == null) {
            errors.add(ValidationError.notAString(field.name(), field.token()));
            return Optional.empty();
        }
        return Optional.of(field.string());
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
