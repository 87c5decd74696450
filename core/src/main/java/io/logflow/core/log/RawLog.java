package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logflow.core.json.Json;
import java.io.IOException;

/**
 * The fields of a raw log, read in one pass of a streaming parser, to the end of the log:
 * as the tree it replaced, it finds any JSON error before a field's. Strings are kept as
 * {@link RawString}s, so that the parsed log copies what needs no decoding.
 */
final class RawLog {

    /** A top-level field: the token its value starts with (null when absent), and the string it is. */
    record Field(String name, JsonToken token, RawString string) {

        static Field absent(String name) {
            return new Field(name, null, null);
        }

        boolean isMissing() {
            return token == null || token == JsonToken.VALUE_NULL;
        }
    }

    Field timestamp = Field.absent("timestamp");
    Field level = Field.absent("level");
    Field message = Field.absent("message");
    Field service = Field.absent("service");
    final RawMetadata metadata;

    private RawLog(boolean keepsMetadataEntries) {
        metadata = new RawMetadata(keepsMetadataEntries);
    }

    /** The raw log the parser reads: any JSON error, or a value that is not an object, is unparseable. */
    static RawLog read(byte[] bytes) {
        RawLog log;
        try {
            log = readObject(bytes, true);
        } catch (IOException e) {
            throw new UnparseableLogException("not_json", "raw log is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (log == null) {
            throw new UnparseableLogException("not_an_object", "raw log is not a JSON object");
        }
        return log;
    }

    /**
     * The log in bytes, or null when they hold a JSON value other than an object.
     *
     * @param keepsMetadataEntries false when only the metadata's problems are wanted
     */
    static RawLog readObject(byte[] bytes, boolean keepsMetadataEntries) throws IOException {
        try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                rejectTrailingTokens(parser);
                return null;
            }
            RawLog log = new RawLog(keepsMetadataEntries);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                log.readField(bytes, parser);
            }
            rejectTrailingTokens(parser);
            return log;
        }
    }

    private void readField(byte[] bytes, JsonParser parser) throws IOException {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
            case "timestamp" -> timestamp = field(name, value, bytes, parser);
            case "level" -> level = field(name, value, bytes, parser);
            case "message" -> message = field(name, value, bytes, parser);
            case "service" -> service = field(name, value, bytes, parser);
            case "metadata" -> metadata.read(bytes, parser, value);
            default -> parser.skipChildren();
        }
    }

    private static Field field(String name, JsonToken value, byte[] bytes, JsonParser parser) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return new Field(name, value, string(bytes, parser));
        }
        parser.skipChildren();
        return new Field(name, value, null);
    }

    /** The string value the parser is on. */
    static RawString string(byte[] bytes, JsonParser parser) throws IOException {
        return RawString.at(bytes, (int) parser.currentTokenLocation().getByteOffset(), parser::getText);
    }

    /** What the tree reader refused the same way: anything after the log's value. */
    private static void rejectTrailingTokens(JsonParser parser) throws IOException {
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new IOException("Trailing token (of type " + trailing + ") found after value (bound as "
                    + "`com.fasterxml.jackson.databind.JsonNode`): not allowed as per "
                    + "`DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
        }
    }
}
