package io.logflow.core.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Which store LogFlow talks to, and what that changes in what LogFlow asks of it. Detected
 * once per connection ({@link ElasticsearchConnection#flavour()}). Everything else LogFlow
 * sends — {@code _index_template} with or without {@code data_stream}, {@code _bulk} with
 * {@code create} and ids, {@code _resolve/index}, {@code _rollover}, {@code _search} — is
 * the same on Elasticsearch 8 and 9 and OpenSearch 2 and 3.
 */
public record StoreFlavour(Product product, String version) {

    public enum Product {
        ELASTICSEARCH("Elasticsearch"),
        OPENSEARCH("OpenSearch");

        private final String title;

        Product(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /**
     * From the answers to {@code GET /} and {@code GET /_nodes/_local}: OpenSearch says
     * {@code "distribution":"opensearch"} on {@code GET /}; Elasticsearch does not (and its
     * test distribution does not answer {@code GET /} at all: {@code root} is then null).
     */
    static StoreFlavour of(JsonNode root, JsonNode localNode) {
        if (root != null && "opensearch".equals(root.path("version").path("distribution").asText())) {
            return new StoreFlavour(Product.OPENSEARCH, root.path("version").path("number").asText());
        }
        String version = "unknown";
        if (root != null && root.path("version").has("number")) {
            version = root.path("version").path("number").asText();
        } else if (localNode != null && localNode.path("nodes").elements().hasNext()) {
            version = localNode.path("nodes").elements().next().path("version").asText();
        }
        return new StoreFlavour(Product.ELASTICSEARCH, version);
    }

    public int major() {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Elasticsearch 8 and 9, OpenSearch 2 and 3: the stores LogFlow's tests run on. */
    public boolean tested() {
        return product == Product.ELASTICSEARCH ? major() == 8 || major() == 9 : major() == 2 || major() == 3;
    }

    /**
     * Parameters of a {@code _bulk} into a data stream: Elasticsearch (7.13 and later) can
     * refuse to create a plain index where a data stream is meant, should LogFlow's template
     * be missing ({@code require_data_stream}); OpenSearch rejects that parameter.
     */
    public Map<String, String> dataStreamBulkParameters() {
        return product == Product.ELASTICSEARCH ? Map.of("require_data_stream", "true") : Map.of();
    }

    @Override
    public String toString() {
        return product.title() + " " + version;
    }
}
