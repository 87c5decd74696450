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
 * and leaner choices, each the seed's with some changes. A variant is the body of an index
 * creation: the template's {@code template} part.
 */
final class MappingVariants {

    /** Never filtered, sorted or aggregated on by LogFlow, its console, its tests or its docs: kept in {@code _source} only. */
    private static final List<String> UNSEARCHED =
            List.of("processed_at", "processor_version", "index_name", "storage_version");
    /** Searched by term only (the console's trail), and unique per request: no doc values. */
    private static final List<String> TERM_ONLY = List.of("correlation_id");

    private MappingVariants() {}

    /** @param openSearch OpenSearch calls its flattened type {@code flat_object} */
    static Map<String, ObjectNode> all(boolean openSearch) {
        String flattened = openSearch ? "flat_object" : "flattened";
        Map<String, ObjectNode> variants = new LinkedHashMap<>();
        variants.put("seed", seed());
        if (!shipped().equals(seed())) {
            variants.put("shipped", shipped());
        }
        variants.put("lean", lean(mappings -> {}));
        variants.put("lean, message_hash unsearched", lean(mappings -> unsearched(mappings, "message_hash")));
        variants.put("lean, id doc values only", lean(mappings -> field(mappings, "id").put("index", false)));
        variants.put("lean, metadata keywords", lean(MappingVariants::metadataKeywords));
        variants.put("lean, metadata " + flattened, lean(mappings -> properties(mappings).putObject("metadata")
                .put("type", flattened)));
        variants.put("lean, metadata off (not shippable)", lean(mappings -> properties(mappings).putObject("metadata")
                .put("type", "object").put("enabled", false)));
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
        try (InputStream in = MappingVariants.class.getResourceAsStream("/index-template.json")) {
            if (in == null) {
                throw new IllegalStateException("index-template.json is not on the class path (the storage writer's jar)");
            }
            return (ObjectNode) Json.mapper().readTree(in).path("template");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seed's, with the unsearched fields in {@code _source} only, term-only fields without doc values,
     * {@code timestamp_ms} in doc values only (sortable, not indexed), no norms on message; and more.
     */
    private static ObjectNode lean(Consumer<ObjectNode> more) {
        ObjectNode body = seed();
        ObjectNode mappings = (ObjectNode) body.path("mappings");
        UNSEARCHED.forEach(name -> unsearched(mappings, name));
        TERM_ONLY.forEach(name -> field(mappings, name).put("doc_values", false));
        field(mappings, "timestamp_ms").put("index", false);
        field(mappings, "message").put("norms", false);
        more.accept(mappings);
        return body;
    }

    private static void unsearched(ObjectNode mappings, String name) {
        field(mappings, name).put("index", false).put("doc_values", false);
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
