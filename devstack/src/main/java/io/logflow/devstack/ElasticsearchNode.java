package io.logflow.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real single-node Elasticsearch or OpenSearch ({@link Store}), from the distribution on
 * Maven Central, in its own process. Both refuse to run as root, so as root it runs as
 * {@code nobody}, owning its config, data and log directories. Its security is off (also
 * in Elasticsearch 8 and 9, whose default is on), unless an Elasticsearch is started
 * {@linkplain ElasticsearchSecurity secured}: then it speaks HTTPS and asks for credentials.
 */
public final class ElasticsearchNode extends LocalServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final Store store;
    private final Path home;
    private final Path dir;
    private final int port;
    private final int transportPort;
    private final List<String> extraSettings;
    private final Optional<ElasticsearchSecurity> security;
    private HttpClient http;

    /**
     * @param home          an extracted distribution ({@link ElasticsearchHome}), shared read-only
     * @param dir           this node's own config, data and logs
     * @param extraSettings more {@code -E key=value} settings, e.g. a tiny write queue for a fault test
     */
    public ElasticsearchNode(Path home, Path dir, int port, int transportPort, List<String> extraSettings) {
        this(home, dir, port, transportPort, extraSettings, Optional.empty());
    }

    /** @param security empty: security off, plain HTTP, no credentials */
    public ElasticsearchNode(Path home, Path dir, int port, int transportPort, List<String> extraSettings,
                             Optional<ElasticsearchSecurity> security) {
        this(Store.DEFAULT, home, dir, port, transportPort, extraSettings, security);
    }

    /** @param home {@code store}'s extracted distribution */
    public ElasticsearchNode(Store store, Path home, Path dir, int port, int transportPort, List<String> extraSettings,
                             Optional<ElasticsearchSecurity> security) {
        if (security.isPresent() && !store.canBeSecured()) {
            throw new DevStackException(store.title() + "'s distribution has no security plugin: it runs unsecured only");
        }
        this.store = store;
        this.home = home;
        this.dir = dir;
        this.port = port;
        this.transportPort = transportPort;
        this.extraSettings = List.copyOf(extraSettings);
        this.security = security;
    }

    public String url() {
        return (security.isPresent() ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** The PEM certificate authority that signed a secured node's HTTP certificate. */
    public Path caFile() {
        return config().resolve("certs").resolve("ca.crt");
    }

    private Path config() {
        return dir.resolve("config");
    }

    /**
     * Runs one of the distribution's tools ({@code bin/NAME}) on this node's configuration,
     * as the user the node runs as, e.g. {@code elasticsearch-users} or
     * {@code elasticsearch-service-tokens}. The file realm and the service tokens are read
     * again by a running node within seconds of a change.
     *
     * @return what it printed
     */
    public String tool(String name, String... args) {
        List<String> command = new ArrayList<>(ServiceUser.current().runAs());
        command.add(home.resolve("bin").resolve(name).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        environment(builder, "-Xms64m -Xmx128m");
        return OneShotCommand.run(name + " " + args[0], builder, dir.resolve(name + ".out"), Duration.ofSeconds(60));
    }

    public Store store() {
        return store;
    }

    private void environment(ProcessBuilder builder, String heap) {
        builder.environment().put(store.environmentVariable("JAVA_HOME"), JavaRuntime.home(store).toString());
        builder.environment().put(store.environmentVariable("PATH_CONF"), config().toString());
        builder.environment().put(store.environmentVariable("JAVA_OPTS"), heap);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
    }

    @Override
    public void start() {
        Path config = config();
        boolean firstStart = !Files.isDirectory(config);
        try {
            if (firstStart) {
                copyDirectory(home.resolve("config"), config);
                anchorJvmOptionPaths(config.resolve("jvm.options"));
                if (security.isPresent()) {
                    makeCertificates(Files.createDirectories(config.resolve("certs")));
                }
            }
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
            ServiceUser.current().takeOwnership(dir);
        } catch (IOException e) {
            throw new DevStackException("cannot prepare " + store.title() + " in " + dir + ": " + e.getMessage(), e);
        }
        if (firstStart) {
            security.ifPresent(user -> tool("elasticsearch-users", "useradd", user.username(), "-p", user.password(),
                    "-r", "superuser"));
        }
        List<String> command = new ArrayList<>(ServiceUser.current().runAs());
        command.add(home.resolve("bin").resolve(store.program()).toString());
        Stream.of(discovery(), Stream.of(
                        "network.host=127.0.0.1",
                        "http.port=" + port,
                        "transport.port=" + transportPort,
                        "path.data=" + dir.resolve("data"),
                        "path.logs=" + dir.resolve("logs"),
                        "cluster.routing.allocation.disk.threshold_enabled=false"),
                securitySettings(), extraSettings.stream()).flatMap(settings -> settings)
                .forEach(setting -> command.addAll(List.of("-E", setting)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        environment(builder, "-Xms512m -Xmx512m");
        process = ServerProcess.start(store.title(), builder, dir.resolve(store.program() + ".out"), true);
        process.awaitReady(STARTUP_TIMEOUT, this::healthy);
    }

    /**
     * OpenSearch's {@code jvm.options} writes GC logs and heap dumps to {@code logs/} and
     * {@code data} relative to a working directory the server's user may not write: this
     * node's own directories instead.
     */
    private void anchorJvmOptionPaths(Path jvmOptions) throws IOException {
        String options = Files.readString(jvmOptions);
        Files.writeString(jvmOptions, options.replace("=logs/", "=" + dir.resolve("logs") + "/")
                .replace(":logs/", ":" + dir.resolve("logs") + "/")
                .replace("HeapDumpPath=data", "HeapDumpPath=" + dir.resolve("data")));
    }

    /** A node alone, unless its settings name the peers it forms a cluster with ({@link ElasticsearchCluster}). */
    private Stream<String> discovery() {
        return extraSettings.stream().anyMatch(setting -> setting.startsWith("discovery.seed_hosts="))
                ? Stream.empty() : Stream.of("discovery.type=single-node");
    }

    private Stream<String> securitySettings() {
        if (security.isEmpty()) {
            return store.unsecuredSettings();
        }
        // single node on the loopback: the transport layer needs no TLS
        return Stream.of(
                "xpack.security.enabled=true",
                "xpack.security.http.ssl.enabled=true",
                "xpack.security.http.ssl.certificate=certs/node.crt",
                "xpack.security.http.ssl.key=certs/node.key",
                "xpack.security.http.ssl.certificate_authorities=certs/ca.crt");
    }

    /** A certificate authority, and a certificate for 127.0.0.1 and localhost signed by it. */
    private static void makeCertificates(Path certs) {
        Duration timeout = Duration.ofSeconds(60);
        OneShotCommand.run("making a certificate authority for Elasticsearch", new ProcessBuilder("openssl", "req",
                "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=LogFlow devstack CA",
                "-keyout", "ca.key", "-out", "ca.crt").directory(certs.toFile()), certs.resolve("openssl.out"), timeout);
        OneShotCommand.run("making Elasticsearch's certificate", new ProcessBuilder("openssl", "req",
                "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-addext", "basicConstraints=critical,CA:FALSE",
                "-CA", "ca.crt", "-CAkey", "ca.key", "-keyout", "node.key", "-out", "node.crt")
                .directory(certs.toFile()), certs.resolve("openssl.out"), timeout);
    }

    /** Plain HTTP; or, for a secured node, HTTPS trusting its certificate authority. */
    private HttpClient probeClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (security.isPresent()) {
            try (InputStream in = Files.newInputStream(caFile())) {
                KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                trusted.load(null, null);
                Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
                trusted.setCertificateEntry("ca", ca);
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, trust.getTrustManagers(), null);
                builder.sslContext(tls);
            } catch (IOException | GeneralSecurityException e) {
                throw new DevStackException("cannot read Elasticsearch's certificate authority " + caFile() + ": "
                        + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    /** The client the devstack checks this node with: trusting its certificate authority when secured. */
    public synchronized HttpClient httpClient() {
        if (http == null) {
            http = probeClient();
        }
        return http;
    }

    /** A request to this node's {@code path} (with its query), as its superuser when secured. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path));
        security.ifPresent(user -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8))));
        return request;
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = httpClient().send(
                    request("/_cluster/health?wait_for_status=yellow&timeout=1s").timeout(Duration.ofSeconds(3)).build(),
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
