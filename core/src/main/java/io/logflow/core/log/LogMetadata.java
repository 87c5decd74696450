package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonToken;

/**
 * The rule for a log's metadata: missing, or an object whose values are all strings; its
 * problems are named by their field, metadata or metadata.KEY. Read by {@link RawMetadata}.
 */
final class LogMetadata {

    private LogMetadata() {}

    static ValidationError notAnObject(JsonToken metadata) {
        return new ValidationError("metadata", "metadata must be an object of strings, not " + ValidationError.typeOf(metadata));
    }

    static ValidationError notAString(String key, JsonToken value) {
        return ValidationError.notAString("metadata." + key, value);
    }
}
