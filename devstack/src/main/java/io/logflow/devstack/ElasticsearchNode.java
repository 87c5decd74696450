package io.logflow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch, from the distribution on Maven Central, in its own
 * process. Elasticsearch refuses to run as root, so as root it runs as {@code nobody},
 * owning its config, data and log directories.
 */
public final class ElasticsearchNode extends LocalServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final Path home;
    private final Path dir;
    private final int port;
    private final int transportPort;
    private final List<String> extraSettings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * @param home          an extracted distribution ({@link ElasticsearchHome}), shared read-only
     * @param dir           this node's own config, data and logs
     * @param extraSettings more {@code -E key=value} settings, e.g. a tiny write queue for a fault test
     */
    public ElasticsearchNode(Path home, Path dir, int port, int transportPort, List<String> extraSettings) {
        this.home = home;
        this.dir = dir;
        this.port = port;
        this.transportPort = transportPort;
        this.extraSettings = List.copyOf(extraSettings);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void start() {
        Path config = dir.resolve("config");
        try {
            if (!Files.isDirectory(config)) {
                copyDirectory(home.resolve("config"), config);
            }
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
            ServiceUser.current().takeOwnership(dir);
        } catch (IOException e) {
            throw new DevStackException("cannot prepare Elasticsearch in " + dir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(ServiceUser.current().runAs());
        command.add(home.resolve("bin").resolve("elasticsearch").toString());
        Stream.concat(Stream.of(
                        "discovery.type=single-node",
                        "xpack.security.enabled=false",
                        "network.host=127.0.0.1",
                        "http.port=" + port,
                        "transport.port=" + transportPort,
                        "path.data=" + dir.resolve("data"),
                        "path.logs=" + dir.resolve("logs"),
                        "cluster.routing.allocation.disk.threshold_enabled=false"),
                extraSettings.stream()).forEach(setting -> command.addAll(List.of("-E", setting)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("ES_JAVA_HOME", JavaRuntime.home().toString());
        builder.environment().put("ES_PATH_CONF", config.toString());
        builder.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        process = ServerProcess.start("Elasticsearch", builder, dir.resolve("elasticsearch.out"), true);
        process.awaitReady(STARTUP_TIMEOUT, this::healthy);
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                            .timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
