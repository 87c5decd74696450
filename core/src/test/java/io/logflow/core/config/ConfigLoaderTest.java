package io.logflow.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final ObjectMapper READ = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheSeedsValues() {
        LogFlowConfig config = ConfigLoader.defaultsWith(Map.of());
        assertThat(config.kafka().brokers()).containsExactly("localhost:9092");
        assertThat(config.kafka().topics().all()).containsExactly("raw_logs", "parsed_logs", "raw_logs_dlq", "parsed_logs_dlq");
        assertThat(config.elasticsearch().url()).isEqualTo("http://localhost:9200");
        assertThat(config.ingestor().httpPort()).isEqualTo(8081);
        assertThat(config.ingestor().maxBodyBytes()).isEqualTo(65_536);
        assertThat(config.parser().version()).isEqualTo("1.0.0");
        assertThat(config.parser().groupId()).isEqualTo("parser-group");
        assertThat(config.storageWriter().indexPrefix()).isEqualTo("logs");
        assertThat(config.storageWriter().groupId()).isEqualTo("storage-writer-group");
    }

    @Test
    void theDefaultsComeFromTheResourceAlone() throws IOException {
        JsonNode resource;
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/logflow-defaults.yaml")) {
            resource = READ.readTree(in);
        }
        assertThat(READ.readTree(ConfigLoader.effectiveYaml(null, Map.of()))).isEqualTo(resource);
        assertThat(READ.readTree(ConfigLoader.defaultsYaml())).isEqualTo(resource);
        assertThat(ConfigLoader.defaultsYaml()).contains("# Every option LogFlow reads");
    }

    @Test
    void theEffectiveConfigurationShowsTheFileAndTheEnvironmentOverTheDefaults() throws IOException {
        Path file = write("storage_writer:\n  index_prefix: app\n");
        JsonNode effective = READ.readTree(ConfigLoader.effectiveYaml(file, Map.of("KAFKA_BROKERS", "a:1,b:2")));
        assertThat(effective.at("/storage_writer/index_prefix").asText()).isEqualTo("app");
        assertThat(effective.at("/kafka/brokers").toString()).isEqualTo("[\"a:1\",\"b:2\"]");
        assertThat(effective.at("/ingestor/http_port").asInt()).isEqualTo(8081);
    }

    @Test
    void theEffectiveConfigurationRefusesWhatLoadingRefuses() {
        assertThatThrownBy(() -> ConfigLoader.effectiveYaml(null, Map.of("INGESTOR_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("eighty");
    }

    @Test
    void aFileOverridesTheDefaultsItNames() throws IOException {
        Path file = write("""
                kafka:
                  brokers: ["k1:9092", "k2:9092"]
                  topics: {raw: raw_in}
                storage_writer:
                  index_prefix: app
                """);
        LogFlowConfig config = ConfigLoader.load(file, Map.of());
        assertThat(config.kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.kafka().topics().raw()).isEqualTo("raw_in");
        assertThat(config.kafka().topics().parsed()).isEqualTo("parsed_logs");
        assertThat(config.storageWriter().indexPrefix()).isEqualTo("app");
        assertThat(config.storageWriter().version()).isEqualTo("1.0.0");
    }

    @Test
    void environmentVariablesNamedAfterThePathOverrideTheFile() throws IOException {
        Path file = write("ingestor:\n  http_port: 9000\n");
        LogFlowConfig config = ConfigLoader.load(file, Map.of(
                "KAFKA_BROKERS", "a:1, b:2",
                "ELASTICSEARCH_URL", "http://es:9200",
                "INGESTOR_HTTP_PORT", "7000",
                "KAFKA_TOPICS_RAW_DLQ", "dead",
                "STORAGE_WRITER_INDEX_PREFIX", "audit",
                "PARSER_VERSION", "2.0.0"));
        assertThat(config.kafka().brokers()).isEqualTo(List.of("a:1", "b:2"));
        assertThat(config.elasticsearch().url()).isEqualTo("http://es:9200");
        assertThat(config.ingestor().httpPort()).isEqualTo(7000);
        assertThat(config.kafka().topics().rawDlq()).isEqualTo("dead");
        assertThat(config.storageWriter().indexPrefix()).isEqualTo("audit");
        assertThat(config.parser().version()).isEqualTo("2.0.0");
    }

    @Test
    void theEnvironmentNameIsThePathUpperCasedWithUnderscores() {
        assertThat(ConfigLoader.environmentName("storage_writer.index_prefix")).isEqualTo("STORAGE_WRITER_INDEX_PREFIX");
        assertThat(ConfigLoader.environmentName("kafka.brokers")).isEqualTo("KAFKA_BROKERS");
    }

    @Test
    void anUnknownOptionIsNamed() throws IOException {
        Path file = write("ingestor:\n  htp_port: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingestor.htp_port");
    }

    @Test
    void aValueOfTheWrongTypeIsReported() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("INGESTOR_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("eighty");
    }

    @Test
    void aMissingFileIsReported() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void theEffectiveConfigurationNeverShowsASecret() {
        String yaml = ConfigLoader.effectiveYaml(null, Map.of("ELASTICSEARCH_USERNAME", "logflow",
                "ELASTICSEARCH_PASSWORD", "hunter2-secret", "ELASTICSEARCH_API_KEY", ""));

        assertThat(yaml).doesNotContain("hunter2-secret").contains("password: \"********\"").contains("username: \"logflow\"");
    }

    @Test
    void kafkaClientPropertiesTakeAnyNameAndHideSecretOnes() throws IOException {
        Path file = write("""
                kafka:
                  security: {protocol: SASL_SSL, username: logflow, password: kafka-secret, key_password: key-secret,
                             truststore_password: store-secret}
                  client_properties:
                    client.dns.lookup: use_all_dns_ips
                    ssl.keystore.key: "-----BEGIN PRIVATE KEY-----"
                    sasl.jaas.config: "x required password=jaas-secret;"
                    linger.ms: 20
                """);

        LogFlowConfig config = ConfigLoader.load(file, Map.of());
        String yaml = ConfigLoader.effectiveYaml(file, Map.of());

        assertThat(config.kafka().clientProperties()).containsEntry("client.dns.lookup", "use_all_dns_ips")
                .containsEntry("linger.ms", "20");
        assertThat(config.kafka().security().protocol()).isEqualTo("SASL_SSL");
        assertThat(yaml).doesNotContain("kafka-secret", "key-secret", "store-secret", "jaas-secret", "BEGIN PRIVATE")
                .contains("client.dns.lookup: \"use_all_dns_ips\"", "username: \"logflow\"");
    }

    @Test
    void aKafkaClientPropertyMustBeASingleValue() throws IOException {
        Path file = write("kafka:\n  client_properties:\n    linger.ms: [1, 2]\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.client_properties.linger.ms");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
