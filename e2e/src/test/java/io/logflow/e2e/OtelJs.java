package io.logflow.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry JS SDK with its OTLP/HTTP log exporter (which sends OTLP JSON), run
 * with node: npm installs the pinned packages once into {@code target/otel-js}, next to
 * the script {@code otel-js/emit-logs.mjs} from the test resources.
 */
final class OtelJs {

    private static final List<String> PACKAGES = List.of("@opentelemetry/api@1.9.1", "@opentelemetry/api-logs@0.223.1",
            "@opentelemetry/sdk-logs@0.223.1", "@opentelemetry/exporter-logs-otlp-http@0.223.1",
            "@opentelemetry/resources@2.12.1");
    private static final String SCRIPT = "emit-logs.mjs";

    private OtelJs() {}

    /** The directory holding the script and its node_modules, installed the first time. */
    static Path installed() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "otel-js").toAbsolutePath());
        try (InputStream script = OtelJs.class.getResourceAsStream("/otel-js/" + SCRIPT)) {
            Files.copy(script, dir.resolve(SCRIPT), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(dir.resolve("node_modules/@opentelemetry/exporter-logs-otlp-http"))) {
            List<String> install = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund",
                    "--no-save", "--prefix", dir.toString()));
            install.addAll(PACKAGES);
            String output = run(new ProcessBuilder(install).directory(dir.toFile()), 180);
            if (!Files.exists(dir.resolve("node_modules/@opentelemetry/exporter-logs-otlp-http"))) {
                throw new IOException("npm did not install the OpenTelemetry JS packages: " + output);
            }
        }
        return dir;
    }

    /**
     * Emits {@code count} records of {@code service} (times from {@code base}, one ms apart)
     * through the JS SDK to {@code endpoint} and returns each traced record's trace id by
     * its message; fails if the exporter reported a failed export.
     */
    static Map<String, String> emit(String endpoint, String service, int count, Instant base)
            throws IOException, InterruptedException {
        Path dir = installed();
        ProcessBuilder node = new ProcessBuilder("node", SCRIPT).directory(dir.toFile());
        node.environment().putAll(Map.of("LOGFLOW_ENDPOINT", endpoint, "LOGFLOW_SERVICE", service,
                "LOGFLOW_COUNT", Integer.toString(count), "LOGFLOW_BASE_MILLIS", Long.toString(base.toEpochMilli())));
        String output = run(node, 120);
        String lastLine = output.strip().lines().reduce((first, second) -> second).orElse("{}");
        return Json.mapper().readValue(lastLine, new TypeReference<Map<String, String>>() {});
    }

    /** Runs a command to its end within the deadline; its output, or an IOException with it. */
    private static String run(ProcessBuilder command, int seconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("otel-js", ".out");
        try {
            Process process = command.redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.command() + " did not finish within " + seconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command.command() + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output));
            }
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
