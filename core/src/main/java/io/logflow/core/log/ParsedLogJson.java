package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A parsed log as the JSON the parser publishes, written field by field in one pass, the
 * raw log's plain strings copied as they were sent. {@code id}, {@code timestamp} and
 * {@code timestamp_ms} come first, because the storage writer reads only those.
 */
final class ParsedLogJson {

    private ParsedLogJson() {}

    static byte[] write(ParsedLog log) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512);
             JsonGenerator json = Json.mapper().getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("id", log.id());
            json.writeStringField("timestamp", log.timestampText());
            json.writeNumberField("timestamp_ms", log.timestamp().toEpochMilli());
            json.writeStringField("level", log.level());
            json.writeStringField("service", log.service());
            json.writeFieldName("message");
            log.message().write(json);
            json.writeStringField("message_hash", log.messageHash());
            log.metadata().write(json, log.originalLevel(), log.serviceDefaulted());
            json.writeStringField("processed_at", log.processedAt());
            json.writeStringField("processor_version", log.processorVersion());
            if (log.correlationId() != null) {
                json.writeStringField("correlation_id", log.correlationId());
            }
            if (log.ingestKey() != null) {
                json.writeStringField("ingest_key", log.ingestKey());
            }
            json.writeEndObject();
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
    }
}
