package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Consumer;

/** The rule for a log's metadata: missing, or an object whose values are all strings. */
public final class LogMetadata {

    private LogMetadata() {}

    /** Hands each problem to {@code problems}, named by its field: metadata, or metadata.KEY. */
    public static void check(JsonNode metadata, Consumer<ValidationError> problems) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject()) {
            problems.accept(notAnObject(metadata.asToken()));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            if (!entry.getValue().isTextual()) {
                problems.accept(notAString(entry.getKey(), entry.getValue().asToken()));
            }
        }
    }

    static ValidationError notAnObject(JsonToken metadata) {
        return new ValidationError("metadata", "metadata must be an object of strings, not " + ValidationError.typeOf(metadata));
    }

    static ValidationError notAString(String key, JsonToken value) {
        return ValidationError.notAString("metadata." + key, value);
    }
}
