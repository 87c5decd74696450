package io.logflow.storagewriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode log = readObject(parsed);
        JsonNode id = log.get("id");
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
            throw new UnindexableLogException("parsed log has no id");
        }
        String index = IndexName.of(indexPrefix, timestampOf(log));
        return new LogDocument(index, id.textValue(), withStorageFields(parsed, index), record);
    }

    private static JsonNode readObject(byte[] parsed) {
        if (parsed == null) {
            throw new UnindexableLogException("parsed record has no value");
        }
        try {
            JsonNode log = Json.mapper().readTree(parsed);
            if (log == null || !log.isObject()) {
                throw new UnindexableLogException("parsed log is not a JSON object");
            }
            return log;
        } catch (IOException e) {
            throw new UnindexableLogException("parsed log is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Instant timestampOf(JsonNode log) {
        JsonNode millis = log.get("timestamp_ms");
        if (millis != null && millis.canConvertToLong()) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        JsonNode timestamp = log.get("timestamp");
        if (timestamp == null || !timestamp.isTextual()) {
            throw new UnindexableLogException("parsed log has neither timestamp_ms nor timestamp");
        }
        try {
            return TimestampParser.parse(timestamp.textValue());
        } catch (UnparseableLogException e) {
            throw new UnindexableLogException(e.getMessage());
        }
    }

    /**
     * Appends the writer's fields before the closing brace, without re-serialising the log.
     * The log is a JSON object with an id, so it has a field for a comma to follow.
     */
    private byte[] withStorageFields(byte[] parsed, String index) {
        int closingBrace = parsed.length - 1;
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
