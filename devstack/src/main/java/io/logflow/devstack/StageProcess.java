package io.logflow.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One LogFlow stage in a JVM of its own, run from the built distribution as an operator
 * runs it ({@code logflow parser}), so that a test can kill -9 it and start it again and
 * a benchmark can measure its memory.
 */
public final class StageProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path distribution;
    private final String role;
    private final List<String> options;
    private final Map<String, String> environment;
    private final Path output;
    private final int port;
    private final HttpClient http;
    private final String scheme;
    private ServerProcess process;
    private int starts;

    /**
     * @param distribution the directory holding {@code logflow-cli.jar} and {@code lib/}
     * @param environment  the stage's configuration, as environment variables
     */
    public StageProcess(Path distribution, String role, int port, Map<String, String> environment, Path outputDir) {
        this(distribution, role, List.of(), role, port, environment, outputDir);
    }

    /**
     * @param options more of the role's command-line options, e.g. {@code --config FILE}
     * @param name    this instance's name among several of one role: its output goes to {@code outputDir/NAME.out}
     */
    public StageProcess(Path distribution, String role, List<String> options, String name, int port,
                        Map<String, String> environment, Path outputDir) {
        this.distribution = distribution;
        this.role = role;
        this.options = List.copyOf(options);
        this.port = port;
        this.environment = environment;
        this.output = outputDir.resolve(name + ".out");
        String certFile = environment.getOrDefault("HTTP_TLS_CERT_FILE", "");
        this.scheme = certFile.isEmpty() ? "http" : "https";
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        this.http = (certFile.isEmpty() ? client : client.sslContext(trusting(Path.of(certFile)))).build();
    }

    /** TLS that trusts the stage's own certificate (self-signed, or its issuer's chain as given), to probe /health. */
    private static SSLContext trusting(Path certFile) {
        try (InputStream in = Files.newInputStream(certFile)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("cert-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + certFile + ": " + e.getMessage(), e);
        }
    }

    /** Starts the stage and returns once its /health answers 200. */
    public StageProcess start() {
        List<String> command = new ArrayList<>(List.of(JavaRuntime.java(), "@" + distribution.resolve("jvm/stage.options")));
        if (Runtime.version().feature() >= 22) { // the JDK the stage runs on: JavaRuntime.java()
            command.add("@" + distribution.resolve("jvm/stage-jdk22.options"));
        }
        Path ownOptions = distribution.resolve("jvm/" + role + ".options"); // what this role needs otherwise, last
        if (Files.exists(ownOptions)) {
            command.add("@" + ownOptions);
        }
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                "-cp", distribution.resolve("logflow-cli.jar") + ":" + distribution.resolve("lib/*"),
                "io.logflow.cli.LogFlowCommand", role));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command);
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
            return http.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/health"))
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
