package io.logflow.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one process) in
 * its own JVM, run from the jars on Maven Central. Its log directory survives restarts.
 */
public final class KafkaBroker extends LocalServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Path classpath;
    private final Path dir;
    private final int port;
    private final int controllerPort;

    public KafkaBroker(Path classpath, Path dir, int port, int controllerPort) {
        this.classpath = classpath;
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
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
        String listeners = "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort;
        List<String> lines = List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=" + listeners,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + dir.resolve("logs"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0");
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
        ProcessBuilder format = javaCommand(dir.resolve("log4j2.properties"), "kafka.tools.StorageTool",
                "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", properties.toString());
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
