package io.logflow.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put the real servers: the Kafka broker's jars and the Elasticsearch
 * distribution, both from Maven Central (module {@code servers}).
 */
public record ServerArtifacts(Path kafkaClasspath, Path elasticsearchZip) {

    public static final String DIR_PROPERTY = "logflow.servers.dir";

    public static ServerArtifacts locate() {
        String configured = System.getProperty(DIR_PROPERTY, System.getenv("LOGFLOW_SERVERS_DIR"));
        Path dir = Path.of(configured != null ? configured : "servers/target/servers").toAbsolutePath().normalize();
        ServerArtifacts artifacts = new ServerArtifacts(dir.resolve("kafka"), dir.resolve("elasticsearch.zip"));
        if (!Files.isDirectory(artifacts.kafkaClasspath()) || !Files.isRegularFile(artifacts.elasticsearchZip())) {
            throw new DevStackException("the Kafka and Elasticsearch servers are not in " + dir
                    + "; build them with './mvnw -q package -DskipTests' (or run './logflow up', which builds them)");
        }
        return artifacts;
    }
}
