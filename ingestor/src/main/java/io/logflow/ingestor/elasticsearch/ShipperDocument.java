package io.logflow.ingestor.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A shipper's document onto a LogFlow raw log ({@code timestamp}, {@code level},
 * {@code message}, {@code service}, {@code metadata}): the first of each
 * {@link FieldNames} list that the document has (nested objects are read by dotted
 * path, {@code log.level}); everything else into {@code metadata}, flattened to dotted
 * keys with string values. The raw log then meets the {@code POST /log} rules like any
 * other. Pure: bytes in, bytes (or the reason there are none) out.
 */
public final class ShipperDocument {

    private static final Pattern NOT_A_SERVICE_CHARACTER = Pattern.compile("[^A-Za-z0-9_-]");

    /** The raw log, or why the document gives none. */
    public record Mapped(byte[] rawLog, String error) {
        static Mapped failed(String error) {
            return new Mapped(null, error);
        }
    }

    private ShipperDocument() {}

    public static Mapped map(byte[] document, FieldNames names, Instant arrivedAt) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(document);
        } catch (IOException | RuntimeException e) {
            return Mapped.failed("the document is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return Mapped.failed("the document must be a JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        flatten("", root, fields);

        Optional<String> messageField = first(fields, names.message(), value -> !text(value).isEmpty());
        if (messageField.isEmpty()) {
            return Mapped.failed("the document has no message: none of " + names.message() + " is a non-empty value");
        }
        String message = text(fields.remove(messageField.get()));

        Instant timestamp = takeTime(fields, names, arrivedAt);
        String level = takeLevel(fields, names);
        String service = takeService(fields, names);
        return new Mapped(write(timestamp, level, message, service, fields), null);
    }

    /** The first usable time field's instant, removed from the fields; else the time the document arrived. */
    private static Instant takeTime(Map<String, JsonNode> fields, FieldNames names, Instant arrivedAt) {
        for (String name : names.time()) {
            JsonNode value = fields.get(name);
            Optional<Instant> time = value == null ? Optional.empty() : ShipperTime.parse(value);
            if (time.isPresent()) {
                fields.remove(name);
                return time.get();
            }
        }
        return arrivedAt;
    }

    /** The first usable level field as one of LogFlow's levels; the field stays when the shipper said it otherwise. */
    private static String takeLevel(Map<String, JsonNode> fields, FieldNames names) {
        for (String name : names.level()) {
            JsonNode sent = fields.get(name);
            Optional<String> level = sent == null ? Optional.empty() : ShipperLevel.of(sent);
            if (level.isPresent()) {
                if (text(sent).equalsIgnoreCase(level.get())) {
                    fields.remove(name); // otherwise it keeps the shipper's own word next to LogFlow's
                }
                return level.get();
            }
        }
        return "INFO";
    }

    /** The first non-blank service field, its other characters made {@code _}; the field stays when that changed it. */
    private static String takeService(Map<String, JsonNode> fields, FieldNames names) {
        Optional<String> serviceField = first(fields, names.service(), value -> !text(value).isBlank());
        if (serviceField.isEmpty()) {
            return null;
        }
        String sent = text(fields.get(serviceField.get()));
        String service = NOT_A_SERVICE_CHARACTER.matcher(sent).replaceAll("_");
        if (service.equals(sent)) {
            fields.remove(serviceField.get());
        }
        return service;
    }

    private static Optional<String> first(Map<String, JsonNode> fields, List<String> names,
                                          java.util.function.Predicate<JsonNode> usable) {
        for (String name : names) {
            JsonNode value = fields.get(name);
            if (value != null && usable.test(value)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Leaves under dotted keys; arrays kept whole (as JSON text), nulls and empty objects dropped. */
    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String segment = entry.getKey().isBlank() ? "_" : entry.getKey();
            String key = prefix.isEmpty() ? segment : prefix + "." + segment;
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                flatten(key, value, into);
            } else if (!value.isNull()) {
                into.put(key, value);
            }
        }
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static byte[] write(Instant timestamp, String level, String message, String service,
                                Map<String, JsonNode> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + message.length());
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", timestamp.toString());
            json.writeStringField("level", level);
            json.writeStringField("message", message);
            if (service != null) {
                json.writeStringField("service", service);
            }
            if (!metadata.isEmpty()) {
                json.writeObjectFieldStart("metadata");
                for (Map.Entry<String, JsonNode> entry : metadata.entrySet()) {
                    json.writeStringField(entry.getKey(), text(entry.getValue()));
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }
}
