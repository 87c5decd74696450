package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.config.ConfigException;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    @TempDir
    Path dir;

    private static LogFlowConfig.Kafka kafka(Map<String, String> environment) {
        return ConfigLoader.defaultsWith(environment).kafka();
    }

    private LogFlowConfig.Kafka kafka(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), yaml);
        return ConfigLoader.load(file, Map.of()).kafka();
    }

    @Test
    void byDefaultClientsSpeakPlaintextWithoutCredentials() {
        Properties props = KafkaClientProperties.common(kafka(Map.of("KAFKA_BROKERS", "k1:9092,k2:9092")));

        assertThat(props).containsEntry("bootstrap.servers", "k1:9092,k2:9092")
                .containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location");
    }

    @Test
    void scramOverTlsGivesTheUserAndTrustsThePemAuthority() {
        Properties props = KafkaClientProperties.common(kafka(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SECURITY_SASL_MECHANISM", "SCRAM-SHA-256",
                "KAFKA_SECURITY_USERNAME", "logflow",
                "KAFKA_SECURITY_PASSWORD", "pa\"ss\\word",
                "KAFKA_SECURITY_CA_FILE", "/etc/kafka/ca.pem")));

        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"logflow\" password=\"pa\\\"ss\\\\word\";")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.pem");
    }

    @Test
    void plainUsesItsOwnLoginModuleAndThePasswordMayComeFromAFile() throws IOException {
        Path password = Files.writeString(dir.resolve("kafka-password"), "from-a-file\n");
        Properties props = KafkaClientProperties.common(kafka(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SECURITY_SASL_MECHANISM", "PLAIN",
                "KAFKA_SECURITY_USERNAME", "logflow",
                "KAFKA_SECURITY_PASSWORD_FILE", password.toString())));

        assertThat(props.getProperty("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"logflow\" password=\"from-a-file\";");
        assertThat(props).doesNotContainKey("ssl.truststore.location");
    }

    @Test
    void aTruststoreAndMutualTlsFromPemFiles() throws IOException {
        Path cert = Files.writeString(dir.resolve("client.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        Properties props = KafkaClientProperties.common(kafka(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SECURITY_TRUSTSTORE_FILE", "/etc/kafka/truststore.p12",
                "KAFKA_SECURITY_TRUSTSTORE_PASSWORD", "changeit",
                "KAFKA_SECURITY_CERT_FILE", cert.toString(),
                "KAFKA_SECURITY_KEY_FILE", key.toString())));

        assertThat(props).containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("ssl.keystore.type", "PEM")
                .doesNotContainKeys("sasl.jaas.config", "ssl.key.password");
        assertThat(props.getProperty("ssl.keystore.certificate.chain")).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(props.getProperty("ssl.keystore.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void otherClientPropertiesPassThroughButNeverOverrideTheGuarantees() throws IOException {
        LogFlowConfig.Kafka kafka = kafka("""
                kafka:
                  client_properties:
                    client.dns.lookup: use_all_dns_ips
                    ssl.endpoint.identification.algorithm: ""
                    acks: "1"
                    enable.idempotence: false
                    isolation.level: read_uncommitted
                """);

        Properties producer = KafkaClientProperties.producer(kafka, "p");
        Properties consumer = KafkaClientProperties.consumer(kafka, "g", "i", 10);

        assertThat(producer).containsEntry("client.dns.lookup", "use_all_dns_ips")
                .containsEntry("ssl.endpoint.identification.algorithm", "")
                .containsEntry("acks", "all").containsEntry("enable.idempotence", true);
        assertThat(consumer).containsEntry("client.dns.lookup", "use_all_dns_ips")
                .containsEntry("isolation.level", "read_committed");
    }

    @Test
    void theProducersBatchingAndCompressionMayBeTunedInTheClientProperties() throws IOException {
        LogFlowConfig.Kafka kafka = kafka("""
                kafka:
                  client_properties:
                    compression.type: zstd
                    linger.ms: "20"
                """);

        assertThat(KafkaClientProperties.producer(kafka, "p")).containsEntry("compression.type", "zstd")
                .containsEntry("linger.ms", "20").containsEntry("batch.size", 128 * 1024);
        assertThat(KafkaClientProperties.producer(kafka(Map.of()), "p")).containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", 5);
    }

    @Test
    void anOwnJaasConfigInTheClientPropertiesTakesThePlaceOfTheUser() throws IOException {
        LogFlowConfig.Kafka kafka = kafka("""
                kafka:
                  security: {protocol: SASL_SSL}
                  client_properties:
                    sasl.mechanism: OAUTHBEARER
                    sasl.jaas.config: "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"
                """);

        assertThat(KafkaClientProperties.common(kafka)).containsEntry("sasl.mechanism", "OAUTHBEARER")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void saslWithoutAUserOrPasswordIsRefusedNamingTheOptions() {
        assertThatThrownBy(() -> KafkaClientProperties.common(kafka(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SECURITY_USERNAME", "logflow"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("kafka.security.protocol SASL_SSL needs kafka.security.username and"
                        + " kafka.security.password (or password_file)");
    }

    @Test
    void anUnknownProtocolOrMechanismIsNamed() {
        assertThatThrownBy(() -> KafkaClientProperties.common(kafka(Map.of("KAFKA_SECURITY_PROTOCOL", "TLS"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'TLS' is not one of [PLAINTEXT, SASL_PLAINTEXT");
        assertThatThrownBy(() -> KafkaClientProperties.common(kafka(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SECURITY_SASL_MECHANISM", "GSSAPI"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sasl_mechanism 'GSSAPI'");
    }

    @Test
    void aCertificateWithoutItsKeyAndTwoKindsOfTrustAreRefused() {
        assertThatThrownBy(() -> KafkaClientProperties.common(kafka(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SECURITY_CERT_FILE", "/c.pem"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cert_file and kafka.security.key_file go together");
        assertThatThrownBy(() -> KafkaClientProperties.common(kafka(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SECURITY_CA_FILE", "/ca.pem", "KAFKA_SECURITY_TRUSTSTORE_FILE", "/t.p12"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("both set");
    }
}
