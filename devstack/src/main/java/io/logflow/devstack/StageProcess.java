package io.logflow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One LogFlow stage in a JVM of its own, run from the built distribution as an operator
 * runs it ({@code logflow parser}), so that a test can kill -9 it and start it again and
 * a benchmark can measure its memory.
 */
public final class StageProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path distribution;
    private final String role;
    private final Map<String, String> environment;
    private final Path output;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private ServerProcess process;
    private int starts;

    /**
     * @param distribution the directory holding {@code logflow-cli.jar} and {@code lib/}
     * @param environment  the stage's configuration, as environment variables
     */
    public StageProcess(Path distribution, String role, int port, Map<String, String> environment, Path outputDir) {
        this.distribution = distribution;
        this.role = role;
        this.port = port;
        this.environment = environment;
        this.output = outputDir.resolve(role + ".out");
    }

    /** Starts the stage and returns once its /health answers 200. */
    public StageProcess start() {
        ProcessBuilder builder = new ProcessBuilder(List.of(JavaRuntime.java(),
                "-Xmx160m", "--enable-native-access=ALL-UNNAMED",
                "-cp", distribution.resolve("logflow-cli.jar") + ":" + distribution.resolve("lib/*"),
                "io.logflow.cli.LogFlowCommand", role));
        // glibc gives each busy thread its own malloc arena; two keep a stage's native memory small
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        process = ServerProcess.start(role, builder, output, false);
        starts++;
        process.awaitReady(STARTUP_TIMEOUT, this::healthy);
        return this;
    }

    private boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException stillStarting) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kill -9: the stage gets no chance to finish anything. */
    public void kill() {
        process.kill();
    }

    public int port() {
        return port;
    }

    public int starts() {
        return starts;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, as an orchestrator stops a stage; its exit code, or -1 if it had to be killed after 30 s. */
    public int stop() {
        return process.stop();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }
}
