package io.logflow.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put the real servers, all from Maven Central (module {@code servers}):
 * the Kafka broker's jars, the default store's distribution, and those of the other
 * stores when the build was asked for them (profile {@code stores}).
 */
public record ServerArtifacts(Path dir) {

    public static final String DIR_PROPERTY = "logflow.servers.dir";

    public static ServerArtifacts locate() {
        String configured = System.getProperty(DIR_PROPERTY, System.getenv("LOGFLOW_SERVERS_DIR"));
        Path dir = Path.of(configured != null ? configured : "servers/target/servers").toAbsolutePath().normalize();
        ServerArtifacts artifacts = new ServerArtifacts(dir);
        if (!Files.isDirectory(artifacts.kafkaClasspath()) || !Files.isRegularFile(dir.resolve(Store.DEFAULT.zipFileName()))) {
            throw new DevStackException("the Kafka and Elasticsearch servers are not in " + dir
                    + "; build them with './mvnw -q package -DskipTests' (or run './logflow up', which builds them)");
        }
        return artifacts;
    }

    public Path kafkaClasspath() {
        return dir.resolve("kafka");
    }

    /** The distribution of a store; the build fetches the non-default ones only when asked. */
    public Path zip(Store store) {
        Path zip = dir.resolve(store.zipFileName());
        if (!Files.isRegularFile(zip)) {
            throw new DevStackException(store.title() + " is not in " + dir + "; fetch it with './mvnw -q -B -DskipTests"
                    + " -Pstores package -pl servers' (./logflow up --store " + store.id() + " does that itself)");
        }
        return zip;
    }
}
