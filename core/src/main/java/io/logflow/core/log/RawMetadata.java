package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw log's metadata as it was read: its entries in order, and what is wrong with it.
 * The parsed log's metadata adds {@code original_level} and {@code service_defaulted},
 * replacing a sent entry of the same name in its place.
 */
final class RawMetadata {

    static final String ORIGINAL_LEVEL = "original_level";
    static final String SERVICE_DEFAULTED = "service_defaulted";

    private record Entry(String key, RawString value) {}

    private final boolean keepsEntries;
    private final List<Entry> entries;
    private List<ValidationError> problems = List.of();

    /** @param keepsEntries false when only the problems are wanted (the door's check): no entry is kept to write */
    RawMetadata(boolean keepsEntries) {
        this.keepsEntries = keepsEntries;
        this.entries = keepsEntries ? new ArrayList<>(4) : List.of();
    }

    /** Reads the value the parser is on, to its end, keeping each problem in order. */
    void read(byte[] log, JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            problems = List.of(LogMetadata.notAnObject(value));
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken entry = parser.nextToken();
            if (entry == JsonToken.VALUE_STRING) {
                if (keepsEntries) {
                    entries.add(new Entry(key, RawLog.string(log, parser)));
                }
            } else {
                problem(LogMetadata.notAString(key, entry));
                parser.skipChildren();
            }
        }
    }

    private void problem(ValidationError problem) {
        if (problems.isEmpty()) {
            problems = new ArrayList<>(2);
        }
        problems.add(problem);
    }

    /** Empty when the metadata is missing or an object of strings. */
    List<ValidationError> problems() {
        return problems;
    }

    /** @param originalLevel the level as sent, null if none was */
    void write(JsonGenerator json, String originalLevel, boolean serviceDefaulted) throws IOException {
        json.writeObjectFieldStart("metadata");
        boolean levelWritten = originalLevel == null;
        boolean defaultedWritten = !serviceDefaulted;
        for (Entry entry : entries) {
            json.writeFieldName(entry.key());
            if (!levelWritten && entry.key().equals(ORIGINAL_LEVEL)) {
                json.writeString(originalLevel);
                levelWritten = true;
            } else if (!defaultedWritten && entry.key().equals(SERVICE_DEFAULTED)) {
                json.writeString("true");
                defaultedWritten = true;
            } else {
                entry.value().write(json);
            }
        }
        if (!levelWritten) {
            json.writeStringField(ORIGINAL_LEVEL, originalLevel);
        }
        if (!defaultedWritten) {
            json.writeStringField(SERVICE_DEFAULTED, "true");
        }
        json.writeEndObject();
    }
}
