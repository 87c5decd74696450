package io.logflow.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker and a real Elasticsearch node on this machine, with LogFlow's
 * topics created: what {@code logflow up} and the end-to-end tests run on. Closing it,
 * or ending the JVM (Ctrl-C, SIGTERM), stops both servers.
 */
public final class DevStack implements AutoCloseable {

    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;
    private final Consumer<String> progress;
    private final StopOrder stopOrder;

    private DevStack(KafkaBroker kafka, ElasticsearchNode elasticsearch, Consumer<String> progress) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.progress = progress;
        this.stopOrder = new StopOrder("devstack", progress, this::stopServers);
    }

    /**
     * @param dataDir    Kafka's and Elasticsearch's data live here and survive restarts
     * @param topics     created with {@code partitions} partitions each, if missing
     * @param progress   told what is happening, for a human watching
     */
    public static DevStack start(ServerArtifacts artifacts, Path dataDir, Ports ports, List<String> topics,
                                 int partitions, List<String> elasticsearchSettings, Consumer<String> progress) {
        return start(artifacts, dataDir, ports, null, topics, partitions, elasticsearchSettings, Optional.empty(),
                progress);
    }

    /**
     * The same, with Kafka listening with SASL_SSL as well, and Elasticsearch with its security on.
     *
     * @param saslSsl               the SASL_SSL listener of Kafka, its certificate and its users; null for none
     * @param elasticsearchSecurity present: Elasticsearch with its security on (HTTPS and a file-realm user)
     */
    public static DevStack start(ServerArtifacts artifacts, Path dataDir, Ports ports,
                                 KafkaBroker.SaslSslListener saslSsl, List<String> topics, int partitions,
                                 List<String> elasticsearchSettings, Optional<ElasticsearchSecurity> elasticsearchSecurity,
                                 Consumer<String> progress) {
        return start(artifacts, dataDir, ports, saslSsl, topics, partitions, Store.DEFAULT, elasticsearchSettings,
                elasticsearchSecurity, progress);
    }

    /** The same, with another store than the default Elasticsearch 9 ({@code logflow up --store}). */
    public static DevStack start(ServerArtifacts artifacts, Path dataDir, Ports ports,
                                 KafkaBroker.SaslSslListener saslSsl, List<String> topics, int partitions, Store store,
                                 List<String> elasticsearchSettings, Optional<ElasticsearchSecurity> elasticsearchSecurity,
                                 Consumer<String> progress) {
        KafkaBroker kafka = new KafkaBroker(artifacts.kafkaClasspath(), dataDir.resolve("kafka"),
                ports.kafka(), ports.kafkaController(), saslSsl);
        ElasticsearchNode elasticsearch = new ElasticsearchNode(store, ElasticsearchHome.extract(artifacts.zip(store), store),
                dataDir.resolve(store == Store.DEFAULT ? "elasticsearch" : store.id()), ports.elasticsearch(),
                ports.elasticsearchTransport(), elasticsearchSettings, elasticsearchSecurity);
        DevStack stack = new DevStack(kafka, elasticsearch, progress);
        try {
            long started = System.nanoTime();
            progress.accept("starting " + store.title() + " on " + elasticsearch.url() + " (10-60 s) and Kafka on "
                    + kafka.bootstrapServers() + " ...");
            CompletableFuture<Void> elasticsearchReady = CompletableFuture.runAsync(elasticsearch::start);
            kafka.start();
            progress.accept("Kafka ready on " + kafka.bootstrapServers() + " after " + seconds(started));
            createTopics(kafka.bootstrapServers(), topics, partitions);
            progress.accept("topics ready: " + String.join(", ", topics) + " (" + partitions + " partitions each)");
            elasticsearchReady.join();
            progress.accept(store.title() + " ready on " + elasticsearch.url() + " after " + seconds(started));
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Creates the topics that do not exist yet, with {@code partitions} partitions each. */
    public static void createTopics(String bootstrapServers, List<String> topics, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new DevStackException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new DevStackException("Kafka did not create the topics within 30 s", e);
        }
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f s", Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() / 1000.0);
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ElasticsearchNode elasticsearch() {
        return elasticsearch;
    }

    /** Kafka's PLAINTEXT listener. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Kafka's SASL_SSL listener, when the stack was started with one. */
    public String saslSslBootstrapServers() {
        return kafka.saslSslBootstrapServers();
    }

    public String elasticsearchUrl() {
        return elasticsearch.url();
    }

    /** Something running on this stack (a stage), closed before the servers it needs are stopped. */
    public <T extends AutoCloseable> T closeFirst(T dependent) {
        return stopOrder.closeFirst(dependent);
    }

    private void stopServers() {
        progress.accept("stopping Kafka and " + elasticsearch.store().title() + " ...");
        kafka.stop();
        elasticsearch.stop();
    }

    @Override
    public void close() {
        stopOrder.close();
    }
}
