package io.logflow.core.config;

import io.logflow.core.log.IndexMode;
import java.util.List;
import java.util.Map;

/** Every option of every stage, loaded once by {@link ConfigLoader} and passed down. */
public record LogFlowConfig(
        Http http,
        Kafka kafka,
        Elasticsearch elasticsearch,
        Ingestor ingestor,
        Parser parser,
        StorageWriter storageWriter,
        Console console) {

    /**
     * The same configuration, pointed at another Kafka cluster and Elasticsearch: the
     * devstack's, whose Kafka listens with PLAINTEXT (Kafka's security settings are dropped).
     */
    public LogFlowConfig withServers(String bootstrapServers, String elasticsearchUrl) {
        return new LogFlowConfig(http,
                kafka.withBrokers(List.of(bootstrapServers.split(","))).withSecurity(Kafka.Security.plaintext()),
                elasticsearch.withUrl(elasticsearchUrl), ingestor, parser, storageWriter, console);
    }

    /** The HTTP ports of every stage: the address they bind, and TLS when a certificate is given. */
    public record Http(String host, Tls tls) {
        public Http withHost(String host) {
            return new Http(host, tls);
        }
    }

    /** PEM files; none set: plain HTTP. {@code clientCaFile} set: clients must show a certificate it signed (mTLS). */
    public record Tls(String certFile, String keyFile, String clientCaFile) {
        public boolean enabled() {
            return !certFile.isEmpty() || !keyFile.isEmpty();
        }
    }

    /** The same configuration with the stages' HTTP ports bound to {@code host}. */
    public LogFlowConfig withHttpHost(String host) {
        return new LogFlowConfig(http.withHost(host), kafka, elasticsearch, ingestor, parser, storageWriter, console);
    }

    /**
     * Where Kafka is, how LogFlow's topics are made, how every Kafka client of LogFlow
     * proves who it is ({@link Security}), and any other Kafka client property
     * ({@code client_properties}, given to every client).
     */
    public record Kafka(List<String> brokers, Topics topics, int partitions, int replicationFactor,
                        int minInsyncReplicas, Security security, Map<String, String> clientProperties) {
        public String bootstrapServers() {
            return String.join(",", brokers);
        }

        public Kafka withBrokers(List<String> brokers) {
            return new Kafka(brokers, topics, partitions, replicationFactor, minInsyncReplicas, security,
                    clientProperties);
        }

        public Kafka withSecurity(Security security) {
            return new Kafka(brokers, topics, partitions, replicationFactor, minInsyncReplicas, security,
                    clientProperties);
        }

        /**
         * How LogFlow's Kafka clients talk to the brokers: the protocol (PLAINTEXT, SSL,
         * SASL_PLAINTEXT, SASL_SSL); with SASL, the mechanism and the user; with TLS, the
         * authority that signed the brokers' certificates (a PEM file or a truststore) and,
         * for mutual TLS, the client's own certificate and key (PEM files). Every secret is
         * given as a value or as a file holding it.
         */
        public record Security(String protocol, String saslMechanism, String username, String password,
                               String passwordFile, String caFile, String truststoreFile, String truststorePassword,
                               String truststorePasswordFile, String certFile, String keyFile, String keyPassword,
                               String keyPasswordFile) {

            /** Plain TCP, no credentials. */
            public static Security plaintext() {
                return new Security("PLAINTEXT", "SCRAM-SHA-512", "", "", "", "", "", "", "", "", "", "", "");
            }
        }
    }

    public record Topics(String raw, String parsed, String rawDlq, String parsedDlq, String dlqState) {
        /** The topics the pipeline's records flow through (the dead-letter tool creates its own). */
        public List<String> all() {
            return List.of(raw, parsed, rawDlq, parsedDlq);
        }
    }

    /**
     * Where Elasticsearch is and how LogFlow proves who it is: at most one kind of
     * credentials (username and password, an API key, or a bearer token), each secret
     * given as a value or as a file holding it; and the PEM certificate authority that
     * signed an https Elasticsearch's certificate, when the JDK's own does not.
     */
    public record Elasticsearch(String url, String username, String password, String passwordFile, String apiKey,
                                String apiKeyFile, String bearerToken, String bearerTokenFile, String caFile) {

        /** No credentials, no certificate authority of its own. */
        public Elasticsearch(String url) {
            this(url, "", "", "", "", "", "", "", "");
        }

        public Elasticsearch withUrl(String url) {
            return new Elasticsearch(url, username, password, passwordFile, apiKey, apiKeyFile, bearerToken,
                    bearerTokenFile, caFile);
        }
    }

    public record Ingestor(
            int httpPort,
            int maxBodyBytes,
            long kafkaTimeoutMs,
            int retryAfterSeconds,
            long maxInFlightBytes,
            long maxRequestMemoryBytes,
            long requestTimeoutMs,
            long drainTimeoutMs,
            int batchMaxLogs,
            int batchMaxBytes,
            String elasticsearchVersion,
            String apiKeysFile,
            Fields fields) {

        /** The {@code _bulk} input: which document fields hold each part of a log, each list tried in order. */
        public record Fields(List<String> message, List<String> time, List<String> level, List<String> service) {}
    }

    public record Parser(String version, String groupId, int httpPort) {}

    public record StorageWriter(
            String version,
            String indexPrefix,
            IndexMode indexMode,
            String groupId,
            int httpPort,
            int consumers,
            int bulkMaxDocs,
            long bulkMaxBytes,
            long retryInitialBackoffMs,
            long retryMaxBackoffMs,
            int retentionDays) {}

    /**
     * The web console: where it listens, who may use it, where dead letters it archives go,
     * and the bounds it keeps to (search range, live-tail rate, scans of Kafka).
     */
    public record Console(
            String host,
            int httpPort,
            String adminKeysFile,
            String archiveDir,
            int maxRangeDays,
            int tailMaxPerSecond,
            int trailMaxRecords) {}
}
