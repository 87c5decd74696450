package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A parsed log as the JSON the parser publishes, written field by field: data binding
 * cost the parser more than the rest of normalisation. {@code id}, {@code timestamp} and
 * {@code timestamp_ms} come first, because the storage writer reads only those.
 */
public final class ParsedLogJson {

    private ParsedLogJson() {}

    public static byte[] write(ParsedLog log) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512);
             JsonGenerator json = Json.mapper().getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("id", log.id());
            json.writeStringField("timestamp", log.timestamp());
            json.writeNumberField("timestamp_ms", log.timestampMs());
            json.writeStringField("level", log.level());
            json.writeStringField("service", log.service());
            json.writeStringField("message", log.message());
            json.writeStringField("message_hash", log.messageHash());
            json.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> entry : log.metadata().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
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
