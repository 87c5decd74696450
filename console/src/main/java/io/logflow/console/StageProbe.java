package io.logflow.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.json.Json;
import io.logflow.core.tls.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One GET to a stage's endpoint, answered as {@code {status, body}} ({@code status} 0 when
 * the stage does not answer). With {@code http.tls} set the stages serve the certificate
 * chain of {@code http.tls.cert_file}, so that file's certificates (the stage's own, and
 * the private authority when the chain names it) are what the console trusts; with
 * {@code http.tls.client_ca_file} set it presents that certificate as its own (mutual TLS).
 */
final class StageProbe {

    private static final Duration DEADLINE = Duration.ofSeconds(3);

    private final HttpClient http;

    StageProbe(LogFlowConfig.Tls tls) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(DEADLINE);
        this.http = (tls.enabled() ? client.sslContext(trusting(tls)) : client).build();
    }

    ObjectNode get(String url) {
        ObjectNode answer = Json.mapper().createObjectNode();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(DEADLINE)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.put("status", response.statusCode()).put("body", response.body());
        } catch (IOException e) {
            return answer.put("status", 0).put("body", "no answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer.put("status", 0).put("body", "interrupted");
        }
    }

    private static SSLContext trusting(LogFlowConfig.Tls tls) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(Pem.trustStore("http.tls.cert_file", tls.certFile()));
            KeyManagerFactory keys = null;
            if (!tls.clientCaFile().isEmpty()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(Pem.keyStore("console", tls.certFile(), tls.keyFile()), Pem.STORE_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot trust the stages' http.tls.cert_file " + tls.certFile() + ": "
                    + e.getMessage());
        }
    }
}
