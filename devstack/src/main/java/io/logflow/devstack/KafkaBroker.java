package io.logflow.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft: broker and controller in one process) in its own JVM,
 * run from the jars on Maven Central: a cluster of one, or, given its {@link ClusterMember}
 * place, one node of a {@link KafkaCluster}. Its log directory survives restarts.
 * It listens with PLAINTEXT on 127.0.0.1, and, when given a {@link SaslSslListener}, also
 * with SASL_SSL on another port: clients that must prove who they are use that one, while
 * the devstack itself (readiness, topic creation) and the broker's own replication keep
 * to PLAINTEXT, the broker owner's door.
 */
public final class KafkaBroker extends LocalServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Path classpath;
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final SaslSslListener saslSsl;
    private final ClusterMember member;

    /**
     * A SASL_SSL listener: TLS with the certificate and key in a PKCS12 keystore (which must
     * name 127.0.0.1 among its subject alternative names), and SCRAM-SHA-512 users, name to
     * password, created when the log directory is formatted, so that they exist before the
     * broker accepts its first connection.
     */
    public record SaslSslListener(int port, Path keystore, String keystorePassword, Map<String, String> scramUsers) {
        public SaslSslListener {
            scramUsers = Map.copyOf(scramUsers);
        }
    }

    /**
     * One node of a cluster whose every node is both broker and controller: its id, the
     * cluster's id (the same on every node) and the controllers' quorum as
     * {@code id@host:port,...}. The cluster's internal topics are replicated to three
     * nodes (fewer if there are fewer) and need two in sync, as on a production cluster.
     */
    public record ClusterMember(int nodeId, String clusterId, String controllerVoters, int nodes) {

        int replication() {
            return Math.min(3, nodes);
        }

        int minInsyncReplicas() {
            return Math.max(1, replication() - 1);
        }
    }

    public KafkaBroker(Path classpath, Path dir, int port, int controllerPort) {
        this(classpath, dir, port, controllerPort, null, null);
    }

    /** @param saslSsl the SASL_SSL listener to open as well; null for PLAINTEXT only */
    public KafkaBroker(Path classpath, Path dir, int port, int controllerPort, SaslSslListener saslSsl) {
        this(classpath, dir, port, controllerPort, saslSsl, null);
    }

    /** A node of a cluster ({@link KafkaCluster}), PLAINTEXT only. */
    KafkaBroker(Path classpath, Path dir, int port, int controllerPort, ClusterMember member) {
        this(classpath, dir, port, controllerPort, null, member);
    }

    private KafkaBroker(Path classpath, Path dir, int port, int controllerPort, SaslSslListener saslSsl,
                        ClusterMember member) {
        this.classpath = classpath;
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslSsl = saslSsl;
        this.member = member;
    }

    /** The PLAINTEXT listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL_SSL listener. */
    public String saslSslBootstrapServers() {
        if (saslSsl == null) {
            throw new IllegalStateException("this broker has no SASL_SSL listener");
        }
        return "127.0.0.1:" + saslSsl.port();
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(dir);
            Path properties = writeProperties();
            Path log4j = writeLog4jConfig();
            if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
                format(properties);
            }
            process = ServerProcess.start("Kafka", javaCommand(log4j, "kafka.Kafka", properties.toString()),
                    dir.resolve("kafka.out"), true);
        } catch (IOException e) {
            throw new DevStackException("cannot prepare Kafka in " + dir + ": " + e.getMessage(), e);
        }
        process.awaitReady(STARTUP_TIMEOUT, this::answers);
    }

    private Path writeProperties() throws IOException {
        String plaintext = "PLAINTEXT://127.0.0.1:" + port;
        String secured = saslSsl == null ? "" : ",SASL_SSL://127.0.0.1:" + saslSsl.port();
        int replication = member == null ? 1 : member.replication();
        int minInsync = member == null ? 1 : member.minInsyncReplicas();
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=" + (member == null ? 1 : member.nodeId()),
                "listeners=" + plaintext + secured + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + plaintext + secured,
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL",
                member == null ? "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort
                        : "controller.quorum.voters=" + member.controllerVoters(),
                "log.dirs=" + dir.resolve("logs"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=" + replication,
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=" + minInsync,
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=" + replication,
                "share.coordinator.state.topic.min.isr=" + minInsync,
                "group.initial.rebalance.delay.ms=0"));
        if (saslSsl != null) {
            lines.addAll(List.of(
                    "sasl.enabled.mechanisms=SCRAM-SHA-512",
                    "listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512",
                    "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                            + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                    "listener.name.sasl_ssl.ssl.keystore.type=PKCS12",
                    "listener.name.sasl_ssl.ssl.keystore.location=" + saslSsl.keystore().toAbsolutePath(),
                    "listener.name.sasl_ssl.ssl.keystore.password=" + saslSsl.keystorePassword(),
                    "listener.name.sasl_ssl.ssl.key.password=" + saslSsl.keystorePassword()));
        }
        Path file = dir.resolve("server.properties");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, """
                rootLogger.level=INFO
                rootLogger.appenderRef.stdout.ref=STDOUT
                appender.stdout.type=Console
                appender.stdout.name=STDOUT
                appender.stdout.layout.type=PatternLayout
                appender.stdout.layout.pattern=[%d] %p %m (%c)%n
                logger.kafka.name=kafka
                logger.kafka.level=WARN
                logger.kafkaapache.name=org.apache.kafka
                logger.kafkaapache.level=WARN
                """);
        return file;
    }

    private void format(Path properties) {
        // a cluster's quorum is fixed in every node's properties (controller.quorum.voters)
        List<String> arguments = new ArrayList<>(member == null
                ? List.of("format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", properties.toString())
                : List.of("format", "-t", member.clusterId(), "-c", properties.toString()));
        if (saslSsl != null) {
            // the users are written into the cluster's first metadata, before anyone can connect
            saslSsl.scramUsers().forEach((name, password) -> arguments.addAll(List.of(
                    "--add-scram", "SCRAM-SHA-512=[name=" + name + ",password=" + password + "]")));
        }
        ProcessBuilder format = javaCommand(dir.resolve("log4j2.properties"), "kafka.tools.StorageTool",
                arguments.toArray(String[]::new));
        OneShotCommand.run("formatting Kafka's log directory", format, dir.resolve("format.out"), Duration.ofSeconds(60));
    }

    private ProcessBuilder javaCommand(Path log4jConfig, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                JavaRuntime.java(), "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4jConfig,
                "-cp", classpath.resolve("*").toString(), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    private boolean answers() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
