package io.logflow.core.config;

import java.util.List;

/** Every option of every stage, loaded once by {@link ConfigLoader} and passed down. */
public record LogFlowConfig(
        Http http,
        Kafka kafka,
        Elasticsearch elasticsearch,
        Ingestor ingestor,
        Parser parser,
        StorageWriter storageWriter) {

    /** The same configuration, pointed at another Kafka cluster and Elasticsearch. */
    public LogFlowConfig withServers(String bootstrapServers, String elasticsearchUrl) {
        return new LogFlowConfig(http,
                new Kafka(List.of(bootstrapServers.split(",")), kafka.topics(), kafka.partitions(),
                        kafka.replicationFactor(), kafka.minInsyncReplicas()),
                elasticsearch.withUrl(elasticsearchUrl), ingestor, parser, storageWriter);
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
        return new LogFlowConfig(http.withHost(host), kafka, elasticsearch, ingestor, parser, storageWriter);
    }

    public record Kafka(List<String> brokers, Topics topics, int partitions, int replicationFactor,
                        int minInsyncReplicas) {
        public String bootstrapServers() {
            return String.join(",", brokers);
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
            long requestTimeoutMs,
            long drainTimeoutMs,
            int batchMaxLogs,
            int batchMaxBytes,
            String elasticsearchVersion,
            String apiKeysFile) {}

    public record Parser(String version, String groupId, int httpPort) {}

    public record StorageWriter(
            String version,
            String indexPrefix,
            String groupId,
            int httpPort,
            int consumers,
            int bulkMaxDocs,
            long bulkMaxBytes,
            long retryInitialBackoffMs,
            long retryMaxBackoffMs,
            int retentionDays) {}
}
