package io.logflow.ingestor.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logflow.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Elasticsearch's answer to a {@code _bulk}: {@code {"took":..,"errors":..,"items":[..]}},
 * one item per action, in order, written compact: Fluent Bit's out_es looks for the
 * bytes {@code "errors":true} in the body rather than parsing it (es_bulk_check in
 * plugins/out_es/es.c).
 */
public final class BulkAnswer {

    /**
     * What became of one action: {@code sequenceNumber} (the Kafka offset) when stored,
     * {@code errorType} and {@code reason} when {@code status} is not 2xx.
     */
    public record Item(String operation, String index, String id, int status, long sequenceNumber, String errorType,
                       String reason) {

        public static Item created(BulkRequest.Action action, String id, long sequenceNumber) {
            return new Item(action.operation(), action.index(), id, 201, sequenceNumber, null, null);
        }

        public static Item failed(BulkRequest.Action action, int status, String errorType, String reason) {
            return new Item(action.operation(), action.index(), action.id(), status, -1, errorType, reason);
        }

        boolean succeeded() {
            return status < 300;
        }
    }

    private BulkAnswer() {}

    public static byte[] encode(List<Item> items, long tookMillis, String defaultIndex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + items.size() * 160);
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("took", tookMillis);
            json.writeBooleanField("errors", items.stream().anyMatch(item -> !item.succeeded()));
            json.writeArrayFieldStart("items");
            for (Item item : items) {
                writeItem(json, item, defaultIndex);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }

    private static void writeItem(JsonGenerator json, Item item, String defaultIndex) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart(item.operation());
        json.writeStringField("_index", item.index() != null ? item.index() : defaultIndex);
        if (item.id() != null) {
            json.writeStringField("_id", item.id());
        }
        if (item.succeeded()) {
            json.writeNumberField("_version", 1);
            json.writeStringField("result", "created");
            json.writeObjectFieldStart("_shards");
            json.writeNumberField("total", 1);
            json.writeNumberField("successful", 1);
            json.writeNumberField("failed", 0);
            json.writeEndObject();
            json.writeNumberField("_seq_no", item.sequenceNumber());
            json.writeNumberField("_primary_term", 1);
        } else {
            json.writeObjectFieldStart("error");
            json.writeStringField("type", item.errorType());
            json.writeStringField("reason", item.reason());
            json.writeEndObject();
        }
        json.writeNumberField("status", item.status());
        json.writeEndObject();
        json.writeEndObject();
    }
}
