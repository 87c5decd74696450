package io.logflow.core.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials and TLS towards Elasticsearch, against real HTTP and HTTPS servers (the
 * JDK's) with a certificate made by the JDK's keytool: the header each kind of
 * credentials sends, the certificate authority from a PEM file, and the wrong scheme.
 */
class ElasticsearchSecurityTest {

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path caPem;

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeAll
    static void makeACertificate() throws Exception {
        keystore = dir.resolve("es.p12");
        caPem = dir.resolve("http_ca.pem");
        keytool("-genkeypair", "-alias", "es", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "secret", "-keypass", "secret");
        keytool("-exportcert", "-rfc", "-alias", "es", "-keystore", keystore.toString(), "-storepass", "secret",
                "-file", caPem.toString());
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String startHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        return serveHealth("http");
    }

    private String startHttps() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "secret".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
        return serveHealth("https");
    }

    private String serveHealth(String scheme) {
        server.createContext("/_cluster/health", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"status\":\"green\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    private static LogFlowConfig.Elasticsearch settings(String url, String username, String password, String apiKey,
                                                        String bearerToken, String caFile) {
        return new LogFlowConfig.Elasticsearch(url, username, password, "", apiKey, "", bearerToken, "", caFile);
    }

    private String authorizationSentWith(LogFlowConfig.Elasticsearch settings) throws Exception {
        try (ElasticsearchConnection connection = new ElasticsearchConnection(settings)) {
            connection.send("GET", "/_cluster/health");
        }
        return authorization.get();
    }

    @Test
    void eachKindOfCredentialsSendsItsAuthorizationHeader() throws Exception {
        String url = startHttp();

        assertThat(authorizationSentWith(settings(url, "logflow", "s3cret", "", "", ""))).isEqualTo("Basic bG9nZmxvdzpzM2NyZXQ=");
        assertThat(authorizationSentWith(settings(url, "", "", "aWQ6a2V5", "", ""))).isEqualTo("ApiKey aWQ6a2V5");
        assertThat(authorizationSentWith(settings(url, "", "", "", "tok3n", ""))).isEqualTo("Bearer tok3n");
        assertThat(authorizationSentWith(settings(url, "", "", "", "", ""))).isNull();
    }

    @Test
    void aSecretMayComeFromAFile() throws Exception {
        String url = startHttp();
        Path passwordFile = Files.writeString(dir.resolve("password"), "from-a-file\n");

        assertThat(authorizationSentWith(new LogFlowConfig.Elasticsearch(url, "logflow", "", passwordFile.toString(),
                "", "", "", "", ""))).isEqualTo("Basic bG9nZmxvdzpmcm9tLWEtZmlsZQ==");
    }

    @Test
    void twoKindsOfCredentialsOrHalfOfOneAreAConfigurationError() throws IOException {
        String url = startHttp();

        assertThatThrownBy(() -> new ElasticsearchConnection(settings(url, "u", "p", "key", "", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("more than one kind of credentials");
        assertThatThrownBy(() -> new ElasticsearchConnection(settings(url, "u", "", "", "", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("username and a password");
    }

    @Test
    void httpsIsTrustedThroughTheConfiguredCertificateAuthority() throws Exception {
        String url = startHttps();

        assertThat(authorizationSentWith(settings(url, "logflow", "s3cret", "", "", caPem.toString())))
                .isEqualTo("Basic bG9nZmxvdzpzM2NyZXQ=");
        try (ElasticsearchConnection untrusted = new ElasticsearchConnection(new LogFlowConfig.Elasticsearch(url))) {
            assertThat(untrusted.notReadyReason()).hasValueSatisfying(reason -> assertThat(reason).contains("unreachable"));
        }
    }

    @Test
    void plainHttpToAnHttpsElasticsearchSaysToUseHttps() throws Exception {
        String url = startHttps().replace("https:", "http:");

        try (ElasticsearchConnection connection = new ElasticsearchConnection(new LogFlowConfig.Elasticsearch(url))) {
            assertThatThrownBy(() -> connection.send("GET", "/_cluster/health"))
                    .isInstanceOf(ElasticsearchRequestException.class).hasMessageContaining("use an https:// elasticsearch.url");
        }
    }

    /** As Elasticsearch's HTTP layer does, a plain HTTP server answers a TLS handshake with a 400 in plain text. */
    @Test
    void httpsToAPlainHttpElasticsearchSaysToUseHttp() throws Exception {
        startHttp();
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket client = plain.accept()) {
                    client.getInputStream().read(new byte[512]);
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the client gave up
                }
            });
            String url = "https://127.0.0.1:" + plain.getLocalPort();
            try (ElasticsearchConnection connection = new ElasticsearchConnection(new LogFlowConfig.Elasticsearch(url))) {
                assertThatThrownBy(() -> connection.send("GET", "/_cluster/health"))
                        .isInstanceOf(ElasticsearchRequestException.class)
                        .hasMessageContaining("use an http:// elasticsearch.url");
            }
        }
    }

    @Test
    void rejectedCredentialsMakeTheStageNotReadyNamingThem() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();

        try (ElasticsearchConnection connection = new ElasticsearchConnection(settings(url, "logflow", "wrong", "", "", ""))) {
            assertThat(connection.notReadyReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("elasticsearch refused LogFlow's credentials (401)").doesNotContain("wrong"));
        }
    }
}
