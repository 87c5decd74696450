package io.logflow.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    @TempDir
    Path dir;

    private void openssl(String... args) throws Exception {
        Process openssl = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();
    }

    private void selfSigned(String algorithm) throws Exception {
        openssl("openssl", "req", "-x509", "-newkey", algorithm, "-nodes", "-days", "1", "-subj", "/CN=test",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
    }

    @Test
    void rsaAndEcKeysInPkcs8AreRead() throws Exception {
        for (String algorithm : new String[] {"rsa:2048", "ec:" + ecParameters()}) {
            selfSigned(algorithm);
            KeyStore store = Pem.keyStore("stage", dir.resolve("cert.pem").toString(), dir.resolve("key.pem").toString());
            assertThat(store.isKeyEntry("stage")).as(algorithm).isTrue();
        }
    }

    private String ecParameters() throws Exception {
        Path parameters = dir.resolve("ec.pem");
        openssl("openssl", "ecparam", "-name", "prime256v1", "-out", parameters.toString());
        return parameters.toString();
    }

    @Test
    void aKeyInAnotherFormSaysHowToConvertIt() throws Exception {
        selfSigned("rsa:2048");
        Path traditional = dir.resolve("rsa.pem");
        openssl("openssl", "rsa", "-in", dir.resolve("key.pem").toString(), "-traditional", "-out", traditional.toString());
        assertThat(Files.readString(traditional)).contains("BEGIN RSA PRIVATE KEY");
        assertThatThrownBy(() -> Pem.keyStore("stage", dir.resolve("cert.pem").toString(), traditional.toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aFileWithoutACertificateIsNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> Pem.trustStore("http.tls.client_ca_file", empty.toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.tls.client_ca_file")
                .hasMessageContaining(empty.toString());
    }
}
