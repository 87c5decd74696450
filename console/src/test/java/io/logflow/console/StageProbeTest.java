package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.http.StageServer;
import io.logflow.core.metrics.StageMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console reaches stages that serve a certificate of a private authority, over real TLS (openssl's certificates). */
class StageProbeTest {

    @TempDir
    Path dir;

    @BeforeEach
    void privateAuthorityAndAStageCertificate() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=LogFlow test CA", "-keyout", file("ca.key"), "-out", file("ca.pem"));
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-keyout", file("stage.key"), "-out", file("stage.pem"));
    }

    @Test
    void aStageOverTlsWithAPrivateAuthorityIsReached() {
        LogFlowConfig.Tls tls = new LogFlowConfig.Tls(file("stage.pem"), file("stage.key"), "");
        try (StageServer stage = start(tls)) {
            var answer = new StageProbe(tls).get("https://127.0.0.1:" + stage.port() + "/health");
            assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(200);
            var untrusting = new StageProbe(new LogFlowConfig.Tls("", "", ""))
                    .get("https://127.0.0.1:" + stage.port() + "/health");
            assertThat(untrusting.path("status").asInt()).isZero();
            assertThat(untrusting.path("body").asText()).startsWith("no answer");
        }
    }

    @Test
    void withMutualTlsTheConsolePresentsTheStagesCertificate() {
        LogFlowConfig.Tls tls = new LogFlowConfig.Tls(file("stage.pem"), file("stage.key"), file("ca.pem"));
        try (StageServer stage = start(tls)) {
            var answer = new StageProbe(tls).get("https://127.0.0.1:" + stage.port() + "/health");
            assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(200);
        }
    }

    private static StageServer start(LogFlowConfig.Tls tls) {
        return StageServer.start("test", new LogFlowConfig.Http("127.0.0.1", tls), 0, StageMetrics.registry("test"),
                Optional::empty);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl " + args[0] + " failed: " + output);
        }
    }
}
