package io.logflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One LogFlow stage in a JVM of its own, run from the built distribution as an operator
 * runs it ({@code logflow parser}), so that a test can kill -9 it and start it again and
 * a benchmark can measure its memory.
 */
public final class StageProcess implements AutoCloseable {

    private final Path distribution;
    private final String role;
    private final Map<String, String> environment;
    private final Path output;
    private final int port;
    private Process process;
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

    public StageProcess start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx160m", "--enable-native-access=ALL-UNNAMED",
                "-cp", distribution.resolve("logflow-cli.jar") + ":" + distribution.resolve("lib/*"),
                "io.logflow.cli.LogFlowCommand", role));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        // glibc gives each busy thread its own malloc arena; two keep a stage's native memory small
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
        awaitHealthy();
        return this;
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(role + " exited with " + process.exitValue() + "; see " + output);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(role + " did not answer /health within 60 s; see " + output);
    }

    /** kill -9: the stage gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
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
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
