package io.logflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.audit.AuditReport;
import io.logflow.audit.PipelineAudit;
import io.logflow.cli.Pipeline;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.json.Json;
import io.logflow.devstack.DevStack;
import io.logflow.devstack.ElasticsearchNode;
import io.logflow.devstack.ElasticsearchSecurity;
import io.logflow.devstack.KafkaBroker;
import io.logflow.devstack.Ports;
import io.logflow.devstack.ServerArtifacts;
import io.logflow.devstack.StageProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A real Kafka and a real Elasticsearch on free ports in a temporary directory, with the
 * three stages running against them, and the calls a test needs to look inside.
 */
final class TestStack implements AutoCloseable {

    private final Path dir;
    private final DevStack stack;
    private final Map<String, String> environment;
    private final LogFlowConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Pipeline pipeline;

    private TestStack(Path dir, DevStack stack, Map<String, String> environment) {
        this.dir = dir;
        this.stack = stack;
        this.environment = environment;
        this.config = ConfigLoader.defaultsWith(environment);
    }

    static TestStack start() throws IOException {
        return start(List.of(), Map.of());
    }

    /**
     * @param elasticsearchSettings extra {@code -E} settings for Elasticsearch
     * @param settings              LogFlow options for the stages, as environment variables
     */
    static TestStack start(List<String> elasticsearchSettings, Map<String, String> settings) throws IOException {
        return start(elasticsearchSettings, null, Optional.empty(), settings);
    }

    /**
     * A stack whose Kafka also listens with SASL_SSL, and whose LogFlow knows that listener
     * only ({@code kafka.brokers}); {@code settings} say how LogFlow proves who it is. The
     * test itself may still look inside through {@link DevStack#bootstrapServers()}.
     */
    static TestStack startWithSaslSsl(KafkaBroker.SaslSslListener saslSsl, Map<String, String> settings)
            throws IOException {
        return start(List.of(), saslSsl, Optional.empty(), settings);
    }

    /**
     * Elasticsearch with its security on (HTTPS, a file-realm superuser); the stages' options
     * name the user, its password and the certificate authority.
     */
    static TestStack startSecured(ElasticsearchSecurity security, Map<String, String> settings) throws IOException {
        return start(List.of(), null, Optional.of(security), settings);
    }

    private static TestStack start(List<String> elasticsearchSettings, KafkaBroker.SaslSslListener saslSsl,
                                   Optional<ElasticsearchSecurity> security,
                                   Map<String, String> settings) throws IOException {
        // Elasticsearch may run as another user (it refuses root), who must be able to enter it
        Path dir = Files.createTempDirectory("logflow-e2e-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        LogFlowConfig defaults = ConfigLoader.defaultsWith(Map.of());
        DevStack stack = DevStack.start(ServerArtifacts.locate(), dir, Ports.free(), saslSsl,
                defaults.kafka().topics().all(), 3, elasticsearchSettings, security,
                message -> System.out.println("devstack: " + message));
        Map<String, String> environment = new HashMap<>(Map.of(
                "KAFKA_BROKERS", saslSsl == null ? stack.bootstrapServers() : stack.saslSslBootstrapServers(),
                "ELASTICSEARCH_URL", stack.elasticsearchUrl(),
                "INGESTOR_HTTP_PORT", "0",
                "PARSER_HTTP_PORT", "0",
                "STORAGE_WRITER_HTTP_PORT", "0"));
        security.ifPresent(user -> environment.putAll(Map.of(
                "ELASTICSEARCH_USERNAME", user.username(),
                "ELASTICSEARCH_PASSWORD", user.password(),
                "ELASTICSEARCH_CA_FILE", stack.elasticsearch().caFile().toString())));
        environment.putAll(settings);
        return new TestStack(dir, stack, Map.copyOf(environment));
    }

    /** The stages' options, as environment variables. */
    Map<String, String> environment() {
        return environment;
    }

    TestStack withPipeline() {
        pipeline = stack.closeFirst(Pipeline.start(config));
        return this;
    }

    LogFlowConfig config() {
        return config;
    }

    /** A stage in a process of its own, on a fixed port so that it restarts as the same instance. */
    StageProcess stageProcess(String role) {
        return stageProcess(role, Map.of(), dir);
    }

    /** The same, with some of its options changed, writing its output to {@code outputDir}/ROLE.out. */
    StageProcess stageProcess(String role, Map<String, String> settings, Path outputDir) {
        int port = Ports.freePort();
        Map<String, String> stageEnvironment = new HashMap<>(environment);
        stageEnvironment.putAll(settings);
        stageEnvironment.put(role.toUpperCase().replace('-', '_') + "_HTTP_PORT", Integer.toString(port));
        Path distribution = Path.of(System.getProperty("logflow.project.dir"), "cli", "target");
        return stack.closeFirst(new StageProcess(distribution, role, port, stageEnvironment, outputDir));
    }

    AuditReport audit() {
        return audit(config);
    }

    /** {@code logflow audit} of the pipeline {@code config} names. */
    static AuditReport audit(LogFlowConfig config) {
        try {
            return new PipelineAudit(config, message -> {}).run(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until no accepted log is missing any more, then returns the audit. */
    AuditReport awaitAuditWithNothingMissing(Duration timeout) {
        return awaitAuditWithNothingMissing(config, timeout);
    }

    static AuditReport awaitAuditWithNothingMissing(LogFlowConfig config, Duration timeout) {
        // a search can fail for a moment while a new daily index's shards start (503 no_shard_available)
        AuditReport report = org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> audit(config), candidate -> candidate.missingIds().isEmpty());
        System.out.println("audit:\n" + report.summary());
        return report;
    }

    Path dir() {
        return dir;
    }

    DevStack devStack() {
        return stack;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    String ingestorUrl() {
        return "http://127.0.0.1:" + pipeline.ingestor().port();
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    HttpResponse<String> send(String method, String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> post(String url, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every document of an index pattern, freshly refreshed. */
    List<JsonNode> documents(String indexPattern) {
        elasticsearch("POST", "/" + indexPattern + "/_refresh?ignore_unavailable=true");
        HttpResponse<String> response = elasticsearch("GET", "/" + indexPattern + "/_search?size=10000&ignore_unavailable=true");
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode hit : readJson(response.body()).path("hits").path("hits")) {
            documents.add(hit);
        }
        return documents;
    }

    /** A request to Elasticsearch as its superuser, if it has one: the test's own look, not LogFlow's. */
    HttpResponse<String> elasticsearch(String method, String path) {
        return elasticsearch(method, path, null);
    }

    /** @param json a request body, or null */
    HttpResponse<String> elasticsearch(String method, String path, String json) {
        return elasticsearch(stack.elasticsearch(), method, path, json);
    }

    /** A request to a store as its superuser, if it has one: the test's own look, not LogFlow's. */
    static HttpResponse<String> elasticsearch(ElasticsearchNode node, String method, String path, String json) {
        HttpRequest.Builder request = node.request(path).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return node.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record currently in a topic, read from the beginning (committed records only). */
    List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        return records(stack.bootstrapServers(), topic);
    }

    static List<ConsumerRecord<byte[], byte[]>> records(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    static JsonNode readJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stack.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
