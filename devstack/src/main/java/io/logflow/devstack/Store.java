package io.logflow.devstack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The stores the devstack can start: each a distribution from Maven Central, with what
 * tells them apart when starting one (the program and its environment variables, the
 * settings that turn security off, the JDKs it runs on). What LogFlow itself does
 * differently per store is decided by the Elasticsearch client in core, not here.
 */
public enum Store {
    ELASTICSEARCH_8(Product.ELASTICSEARCH, 17, 24),
    ELASTICSEARCH_9(Product.ELASTICSEARCH, 21, Integer.MAX_VALUE),
    // OpenSearch 2 needs the Java security manager, which JDK 24 removed
    OPENSEARCH_2(Product.OPENSEARCH, 17, 23),
    OPENSEARCH_3(Product.OPENSEARCH, 21, Integer.MAX_VALUE);

    /** What {@code logflow up} starts unless told otherwise. */
    public static final Store DEFAULT = ELASTICSEARCH_9;

    /** The two families: their programs, environment variables and security settings differ. */
    enum Product {
        ELASTICSEARCH("Elasticsearch", "elasticsearch", "ES_"),
        OPENSEARCH("OpenSearch", "opensearch", "OPENSEARCH_");

        final String title;
        final String program;
        final String environmentPrefix;

        Product(String title, String program, String environmentPrefix) {
            this.title = title;
            this.program = program;
            this.environmentPrefix = environmentPrefix;
        }
    }

    final Product product;
    final int oldestJava;
    final int newestJava;

    Store(Product product, int oldestJava, int newestJava) {
        this.product = product;
        this.oldestJava = oldestJava;
        this.newestJava = newestJava;
    }

    /** {@code elasticsearch-9}, {@code opensearch-3}, ...: the name {@code logflow up --store} takes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "Elasticsearch 8", "OpenSearch 3": for people. */
    public String title() {
        return product.title + " " + id().substring(id().indexOf('-') + 1);
    }

    /** The distribution's file among the servers the build fetched; the default store's name is unchanged. */
    String zipFileName() {
        return this == DEFAULT ? "elasticsearch.zip" : id() + ".zip";
    }

    /** The program that starts it, in the distribution's {@code bin}. */
    String program() {
        return product.program;
    }

    /** {@code ES_JAVA_HOME}, {@code OPENSEARCH_PATH_CONF}, ... for {@code JAVA_HOME}, {@code PATH_CONF}. */
    String environmentVariable(String name) {
        return product.environmentPrefix + name;
    }

    /** Security can be turned on (HTTPS, a file-realm user) only in Elasticsearch: OpenSearch's zip has no security plugin. */
    boolean canBeSecured() {
        return product == Product.ELASTICSEARCH;
    }

    /**
     * The settings that keep it plain HTTP without credentials. Elasticsearch 8 and 9 turn
     * their security on by default; OpenSearch's zip has none, and rejects {@code xpack.*}.
     */
    Stream<String> unsecuredSettings() {
        return product == Product.ELASTICSEARCH ? Stream.of("xpack.security.enabled=false") : Stream.of();
    }

    public static Store named(String id) {
        return Arrays.stream(values()).filter(store -> store.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no store '" + id + "': choose one of "
                        + String.join(", ", ids())));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Store::id).toList();
    }
}
