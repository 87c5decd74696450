package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.config.ConfigLoader;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;

class KafkaAccessRefusedExceptionTest {

    private static final LogFlowConfig.Kafka KAFKA = ConfigLoader.defaultsWith(Map.of(
            "KAFKA_BROKERS", "k1:9093",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_SECURITY_USERNAME", "logflow",
            "KAFKA_SECURITY_PASSWORD", "s3cret-never-shown")).kafka();

    @Test
    void rejectedCredentialsNameTheUserAndTheOptionsButNotThePassword() {
        var failure = new ExecutionException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"));

        assertThat(KafkaAccessRefusedException.in(KAFKA, failure)).hasValueSatisfying(refused -> assertThat(refused)
                .hasMessage("Kafka at k1:9093 refused LogFlow's credentials (SCRAM-SHA-512 user 'logflow'):"
                        + " check kafka.security.username and kafka.security.password")
                .hasMessageNotContaining("s3cret"));
    }

    @Test
    void aFailedTlsHandshakeSaysWhatToCheck() {
        var failure = new SslAuthenticationException("SSL handshake failed",
                new SSLHandshakeException("PKIX path building failed"));

        assertThat(KafkaAccessRefusedException.in(KAFKA, failure)).hasValueSatisfying(refused -> assertThat(refused)
                .hasMessageStartingWith("Kafka at k1:9093 could not be reached over TLS (PKIX path building failed)")
                .hasMessageContaining("kafka.security.ca_file"));
    }

    @Test
    void otherFailuresAreNotARefusal() {
        assertThat(KafkaAccessRefusedException.in(KAFKA, new KafkaException("broker down"))).isEmpty();
    }
}
