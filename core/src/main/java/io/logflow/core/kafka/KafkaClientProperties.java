package io.logflow.core.kafka;

import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.config.Secret;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Every Kafka client of LogFlow, of every stage and tool, starts from {@link #common}: the
 * brokers, the security settings of {@code kafka.security} and the pass-through
 * {@code kafka.client_properties}, in that order of precedence from low to high (below them
 * all, the producers' batching and compression, {@link #PRODUCER_TUNING}). On top
 * come the settings LogFlow's guarantees rest on, which nothing overrides: producers are
 * idempotent with acks=all; consumers commit by hand and read only committed records.
 */
public final class KafkaClientProperties {

    static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    static final Set<String> SASL_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private KafkaClientProperties() {}

    /**
     * The properties every client shares: where the brokers are and how to talk to them.
     *
     * @throws ConfigException when {@code kafka.security} is incomplete or contradicts itself
     */
    public static Properties common(LogFlowConfig.Kafka kafka) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        security(kafka.security(), kafka.clientProperties().containsKey(SaslConfigs.SASL_JAAS_CONFIG), props);
        props.putAll(kafka.clientProperties());
        return props;
    }

    /** How producers batch and compress, unless {@code kafka.client_properties} says otherwise. */
    static final Map<String, Object> PRODUCER_TUNING = Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);

    public static Properties producer(LogFlowConfig.Kafka kafka, String clientId) {
        Properties props = new Properties();
        props.putAll(PRODUCER_TUNING);
        props.putAll(common(kafka));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    public static Properties transactionalProducer(LogFlowConfig.Kafka kafka, String transactionalId) {
        Properties props = producer(kafka, transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return props;
    }

    public static Properties consumer(LogFlowConfig.Kafka kafka, String groupId, String instanceId, int maxPollRecords) {
        Properties props = common(kafka);
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Who LogFlow is to Kafka, for messages: "SCRAM-SHA-512 user 'logflow'", never a secret. */
    public static String identity(LogFlowConfig.Kafka.Security security) {
        if (security.protocol().startsWith("SASL_")) {
            return security.saslMechanism() + " user '" + security.username() + "'";
        }
        if (!security.certFile().isEmpty()) {
            return "the client certificate in " + security.certFile();
        }
        return "no credentials";
    }

    private static void security(LogFlowConfig.Kafka.Security security, boolean ownJaasConfig, Properties props) {
        String protocol = security.protocol();
        if (!PROTOCOLS.contains(protocol)) {
            throw new ConfigException("kafka.security.protocol '" + protocol + "' is not one of " + sorted(PROTOCOLS));
        }
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL_") && !ownJaasConfig) {
            sasl(security, props);
        }
        if (protocol.endsWith("SSL")) {
            tls(security, props);
        }
    }

    private static void sasl(LogFlowConfig.Kafka.Security security, Properties props) {
        String mechanism = security.saslMechanism();
        if (!SASL_MECHANISMS.contains(mechanism)) {
            throw new ConfigException("kafka.security.sasl_mechanism '" + mechanism + "' is not one of "
                    + sorted(SASL_MECHANISMS) + " (others: set sasl.mechanism and sasl.jaas.config in"
                    + " kafka.client_properties)");
        }
        String password = Secret.read("kafka.security.password", security.password(), security.passwordFile());
        if (security.username().isEmpty() || password.isEmpty()) {
            throw new ConfigException("kafka.security.protocol " + security.protocol()
                    + " needs kafka.security.username and kafka.security.password (or password_file)");
        }
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        props.put(SaslConfigs.SASL_MECHANISM, mechanism);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=" + quoted(security.username())
                + " password=" + quoted(password) + ";");
    }

    private static void tls(LogFlowConfig.Kafka.Security security, Properties props) {
        if (!security.caFile().isEmpty() && !security.truststoreFile().isEmpty()) {
            throw new ConfigException("kafka.security.ca_file and kafka.security.truststore_file are both set: set one");
        }
        if (!security.caFile().isEmpty()) {
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, security.caFile());
        } else if (!security.truststoreFile().isEmpty()) {
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, security.truststoreFile());
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG,
                    security.truststoreFile().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12");
            String password = Secret.read("kafka.security.truststore_password", security.truststorePassword(),
                    security.truststorePasswordFile());
            if (!password.isEmpty()) {
                props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
            }
        }
        if (security.certFile().isEmpty() != security.keyFile().isEmpty()) {
            throw new ConfigException("kafka.security.cert_file and kafka.security.key_file go together: set both or neither");
        }
        if (!security.certFile().isEmpty()) {
            props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
            props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
                    Secret.read("kafka.security.cert", "", security.certFile()));
            props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, Secret.read("kafka.security.key", "", security.keyFile()));
            String keyPassword = Secret.read("kafka.security.key_password", security.keyPassword(),
                    security.keyPasswordFile());
            if (!keyPassword.isEmpty()) {
                props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword);
            }
        }
    }

    /** A JAAS string value: quotes and backslashes escaped. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().toList().toString();
    }
}
