package io.logflow.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.metrics.StageMetrics;
import io.logflow.core.tls.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on a stage's port, over real connections: the JDK's HttpClient and Debian's curl, certificates made by openssl. */
class StageServerTlsTest {

    @TempDir
    Path dir;

    private TestCertificates certificates;

    @BeforeEach
    void makeCertificates() throws Exception {
        certificates = new TestCertificates(dir);
        certificates.authority("ca");
        certificates.signed("server", "ca");
    }

    @Test
    void aClientThatVerifiesTheCertificateIsServedOverHttps() throws Exception {
        try (StageServer server = start("")) {
            HttpResponse<String> health = client(trusting(dir.resolve("ca.pem"))).send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(curl("--cacert", dir.resolve("ca.pem").toString(), url(server))).isEqualTo("200");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheAuthorityCannotConnect() throws Exception {
        try (StageServer server = start("")) {
            assertThatThrownBy(() -> client(SSLContext.getDefault()).send(
                    HttpRequest.newBuilder(URI.create(url(server))).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            assertThat(curl(url(server))).isEqualTo("000");
        }
    }

    @Test
    void withAClientAuthorityAClientWithoutACertificateIsRefused() throws Exception {
        certificates.authority("clients");
        certificates.signed("shipper", "clients");
        try (StageServer server = start(dir.resolve("clients.pem").toString())) {
            assertThatThrownBy(() -> client(trusting(dir.resolve("ca.pem"))).send(
                    HttpRequest.newBuilder(URI.create(url(server))).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            assertThat(curl("--cacert", dir.resolve("ca.pem").toString(), url(server))).isEqualTo("000");
            assertThat(curl("--cacert", dir.resolve("ca.pem").toString(), "--cert", dir.resolve("shipper.pem").toString(),
                    "--key", certificates.key("shipper").toString(), url(server))).isEqualTo("200");
        }
    }

    @Test
    void aClientCertificateFromAnotherAuthorityIsRefused() throws Exception {
        certificates.authority("clients");
        certificates.authority("strangers");
        certificates.signed("stranger", "strangers");
        try (StageServer server = start(dir.resolve("clients.pem").toString())) {
            assertThat(curl("--cacert", dir.resolve("ca.pem").toString(), "--cert", dir.resolve("stranger.pem").toString(),
                    "--key", certificates.key("stranger").toString(), url(server))).isEqualTo("000");
        }
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        try (StageServer server = start("")) {
            assertThat(curl("--cacert", dir.resolve("ca.pem").toString(), url(server))).isEqualTo("200");
            Path renewals = Files.createDirectory(dir.resolve("renewed"));
            TestCertificates renewed = new TestCertificates(renewals);
            renewed.authority("ca2");
            renewed.signed("server", "ca2");
            // as cert-manager does: each file replaced whole
            Files.move(renewals.resolve("server.key"), dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(renewals.resolve("server.pem"), dir.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(curl("--cacert", renewals.resolve("ca2.pem").toString(), url(server))).isEqualTo("200"));
            assertThat(curl("--cacert", dir.resolve("ca.pem").toString(), url(server))).isEqualTo("000");
        }
    }

    @Test
    void theStageListensOnTheConfiguredAddressOnly() throws Exception {
        LogFlowConfig.Http http = new LogFlowConfig.Http("127.0.0.1", new LogFlowConfig.Tls("", "", ""));
        try (StageServer server = StageServer.start("test", http, 0, StageMetrics.registry("test"),
                Optional::empty)) {
            assertThat(curl("http://127.0.0.1:" + server.port() + "/health")).isEqualTo("200");
            String otherAddress = "127.0.0.2"; // loopback too, but not the one bound
            assertThat(curl("http://" + otherAddress + ":" + server.port() + "/health")).isEqualTo("000");
        }
    }

    private StageServer start(String clientCaFile) {
        LogFlowConfig.Http http = new LogFlowConfig.Http("127.0.0.1", new LogFlowConfig.Tls(
                dir.resolve("server.pem").toString(), certificates.key("server").toString(), clientCaFile));
        return StageServer.start("test", http, 0, StageMetrics.registry("test"), Optional::empty);
    }

    private static String url(StageServer server) {
        return "https://localhost:" + server.port() + "/health";
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(Pem.trustStore("ca", caPem.toString()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** curl's status code for {@code GET url}: "000" when no answer came (refused, or TLS failed). */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "5"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(false).start();
        String code = new String(curl.getInputStream().readAllBytes()).strip();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return code;
    }
}
