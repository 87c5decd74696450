package io.logflow.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The mappings {@code --document=true} compares: the seed's (SPEC.md's list, every field
 * indexed, metadata dynamic), the one the storage writer ships ({@code index-template.json}),
 * and the shipped one with more taken away. A variant is the body of an index creation: the
 * template's {@code template} part.
 */
final class MappingVariants {

    private MappingVariants() {}

    /** @param openSearch OpenSearch calls its flattened type {@code flat_object} */
    static Map<String, ObjectNode> all(boolean openSearch) {
        String flattened = openSearch ? "flat_object" : "flattened";
        Map<String, ObjectNode> variants = new LinkedHashMap<>();
        variants.put("seed", seed());
        variants.put("shipped", shipped());
        // the audit's prefix and the sorts would read doc values; _id holds the id for lookups
        variants.put("shipped, id in doc values only", shipped(mappings -> field(mappings, "id").put("index", false)));
        variants.put("shipped, metadata keywords", shipped(MappingVariants::metadataKeywords));
        variants.put("shipped, metadata " + flattened, shipped(mappings -> properties(mappings).putObject("metadata")
                .put("type", flattened)));
        variants.put("shipped, metadata off (not shippable)", shipped(mappings -> properties(mappings)
                .putObject("metadata").put("type", "object").put("enabled", false)));
        return variants;
    }

    /** SPEC.md's mapping as the seed had it: what the shipped one is measured against. */
    private static ObjectNode seed() {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode properties = body.putObject("mappings").putObject("properties");
        for (String keyword : List.of("id", "level", "service", "message_hash", "processor_version", "index_name",
                "storage_version", "correlation_id", "ingest_key")) {
            properties.putObject(keyword).put("type", "keyword");
        }
        for (String date : List.of("timestamp", "processed_at", "indexed_at")) {
            properties.putObject(date).put("type", "date");
        }
        properties.putObject("timestamp_ms").put("type", "long");
        properties.putObject("message").put("type", "text").put("analyzer", "standard");
        properties.putObject("metadata").put("type", "object").put("dynamic", true);
        return body;
    }

    private static ObjectNode shipped() {
        return shipped(mappings -> {});
    }

    private static ObjectNode shipped(Consumer<ObjectNode> change) {
        try (InputStream in = MappingVariants.class.getResourceAsStream("/index-template.json")) {
            if (in == null) {
                throw new IllegalStateException("index-template.json is not on the class path (the storage writer's jar)");
            }
            ObjectNode body = (ObjectNode) Json.mapper().readTree(in).path("template");
            change.accept((ObjectNode) body.path("mappings"));
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode properties(ObjectNode mappings) {
        return (ObjectNode) mappings.path("properties");
    }

    private static ObjectNode field(ObjectNode mappings, String name) {
        return (ObjectNode) properties(mappings).path(name);
    }

    /** Metadata's strings as keywords only (dynamic mapping makes each a text field with a keyword sub-field). */
    private static void metadataKeywords(ObjectNode mappings) {
        mappings.putArray("dynamic_templates").addObject().putObject("metadata_strings").put("path_match", "metadata.*")
                .put("match_mapping_type", "string")
                .putObject("mapping").put("type", "keyword").put("ignore_above", 1024);
    }
}
