package io.logflow.storagewriter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.logflow.core.json.Json;
import io.logflow.core.log.IndexName;
import io.logflow.core.log.TimestampParser;
import io.logflow.core.log.UnparseableLogException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Makes the Elasticsearch document of a parsed log: the parsed JSON as it is, with
 * {@code indexed_at}, {@code index_name} and {@code storage_version} appended to it, bound
 * for the daily index of the log's UTC date under the log's own id.
 */
final class LogDocumentBuilder {

    private final String indexPrefix;
    private final String storageVersion;
    private final Clock clock;

    LogDocumentBuilder(String indexPrefix, String storageVersion, Clock clock) {
        this.indexPrefix = indexPrefix;
        this.storageVersion = storageVersion;
        this.clock = clock;
    }

    LogDocument build(ConsumerRecord<byte[], byte[]> record) {
        byte[] parsed = record.value();
        if (parsed == null) {
            throw new UnindexableLogException("parsed record has no value");
        }
        LeadingFields fields = LeadingFields.read(parsed);
        if (fields.id == null || fields.id.isBlank()) {
            throw new UnindexableLogException("parsed log has no id");
        }
        String index = IndexName.of(indexPrefix, fields.timestamp());
        return new LogDocument(index, fields.id, withStorageFields(parsed, index), record);
    }

    /**
     * The id and time of a parsed log, read with a streaming parser that stops as soon as
     * it has them: the parser writes them first, so the rest of the log is not read here.
     * Whatever is wrong further on, Elasticsearch finds, and the document is dead-lettered.
     */
    private static final class LeadingFields {
        String id;
        Long timestampMs;
        String timestampText;

        static LeadingFields read(byte[] parsed) {
            if (lastNonWhitespace(parsed) != '}') {
                throw new UnindexableLogException("parsed log is not a JSON object");
            }
            LeadingFields fields = new LeadingFields();
            try (JsonParser parser = Json.mapper().getFactory().createParser(parsed)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new UnindexableLogException("parsed log is not a JSON object");
                }
                while (!fields.complete() && parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (name) {
                        case "id" -> fields.id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case "timestamp_ms" -> fields.timestampMs =
                                value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                        case "timestamp" -> fields.timestampText = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        default -> parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new UnindexableLogException("parsed log is not valid JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            return fields;
        }

        private boolean complete() {
            return id != null && timestampMs != null;
        }

        Instant timestamp() {
            if (timestampMs != null) {
                return Instant.ofEpochMilli(timestampMs);
            }
            if (timestampText == null) {
                throw new UnindexableLogException("parsed log has neither timestamp_ms nor timestamp");
            }
            try {
                return TimestampParser.parse(timestampText);
            } catch (UnparseableLogException e) {
                throw new UnindexableLogException(e.getMessage());
            }
        }

        private static int lastNonWhitespace(byte[] bytes) {
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (!Character.isWhitespace(bytes[i])) {
                    return bytes[i];
                }
            }
            return -1;
        }
    }

    /**
     * Appends the writer's fields before the closing brace, without re-serialising the log.
     * The log is a JSON object with an id, so it has a field for a comma to follow.
     */
    private byte[] withStorageFields(byte[] parsed, String index) {
        int closingBrace = parsed.length - 1; // there is one: LeadingFields checked
        while (parsed[closingBrace] != '}') {
            closingBrace--;
        }
        ByteArrayOutputStream document = new ByteArrayOutputStream(parsed.length + 128);
        document.write(parsed, 0, closingBrace);
        writeField(document, ",", "indexed_at", clock.instant().toString());
        writeField(document, ",", "index_name", index);
        writeField(document, ",", "storage_version", storageVersion);
        document.write('}');
        return document.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, String separator, String name, String value) {
        try {
            out.writeBytes((separator + "\"" + name + "\":" + Json.mapper().writeValueAsString(value))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }
}
