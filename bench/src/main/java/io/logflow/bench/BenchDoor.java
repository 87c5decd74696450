package io.logflow.bench;

import io.logflow.core.tls.Pem;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the benchmark's clients reach the ingestor: plain and open (the default), or with
 * {@code --door=true} over TLS with an API key on every request, to measure what the
 * door costs against the same run without it.
 *
 * @param authorization the {@code Authorization} header of every request, or null
 */
record BenchDoor(String scheme, HttpClient.Builder clients, String authorization, Map<String, String> ingestorSettings) {

    static BenchDoor open() {
        return new BenchDoor("http", HttpClient.newBuilder(), null, Map.of());
    }

    /**
     * A self-signed certificate for 127.0.0.1 made by openssl, and one API key made by
     * {@code logflow keys create} of the distribution under test, in {@code dir}.
     */
    static BenchDoor secured(Path dir, Path distribution)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path cert = dir.resolve("ingestor.crt");
        Path key = dir.resolve("ingestor.key");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString());
        Path keys = dir.resolve("keys.json");
        String secret = run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                distribution.resolve("logflow-cli.jar") + ":" + distribution.resolve("lib/*"),
                "io.logflow.cli.LogFlowCommand", "keys", "--file", keys.toString(), "create", "--id", "bench").strip();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(Pem.trustStore("bench certificate", cert.toString()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return new BenchDoor("https", HttpClient.newBuilder().sslContext(context), "Bearer " + secret, Map.of(
                "INGESTOR_API_KEYS_FILE", keys.toString(),
                "HTTP_TLS_CERT_FILE", cert.toString(),
                "HTTP_TLS_KEY_FILE", key.toString()));
    }

    /** @return the command's standard output */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " failed:\n" + output);
        }
        return output;
    }

    String url(int port) {
        return scheme + "://127.0.0.1:" + port;
    }

    HttpClient client() {
        return clients.connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A request to the ingestor, with the key when there is one. */
    HttpRequest.Builder request(java.net.URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
