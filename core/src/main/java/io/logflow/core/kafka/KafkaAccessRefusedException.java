package io.logflow.core.kafka;

import io.logflow.core.config.LogFlowConfig;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Kafka answered, and refused LogFlow: wrong credentials, or a TLS handshake that failed.
 * Said the same way by the stages' {@code /ready} and logs and by every tool, naming what
 * to check and never a secret. Retrying does not help, so tools stop at once.
 */
public final class KafkaAccessRefusedException extends KafkaException {

    public KafkaAccessRefusedException(String message, AuthenticationException cause) {
        super(message, cause);
    }

    /** @return the refusal among {@code failure} and its causes, said for an operator; empty if Kafka did not refuse */
    public static Optional<KafkaAccessRefusedException> in(LogFlowConfig.Kafka kafka, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkaAccessRefusedException refused) {
                return Optional.of(refused);
            }
            if (cause instanceof AuthenticationException refused) {
                return Optional.of(new KafkaAccessRefusedException(describe(kafka, refused), refused));
            }
        }
        return Optional.empty();
    }

    /** Throws the refusal among {@code failure} and its causes, if there is one. */
    public static void rethrowIfIn(LogFlowConfig.Kafka kafka, Throwable failure) {
        Optional<KafkaAccessRefusedException> refused = in(kafka, failure);
        if (refused.isPresent()) {
            throw refused.get();
        }
    }

    private static String describe(LogFlowConfig.Kafka kafka, AuthenticationException refused) {
        LogFlowConfig.Kafka.Security security = kafka.security();
        String at = "Kafka at " + kafka.bootstrapServers();
        if (refused instanceof SaslAuthenticationException) {
            return at + " refused LogFlow's credentials (" + KafkaClientProperties.identity(security)
                    + "): check kafka.security.username and kafka.security.password";
        }
        if (refused instanceof SslAuthenticationException) {
            return at + " could not be reached over TLS (" + rootMessage(refused) + "): check kafka.security.protocol,"
                    + " kafka.security.ca_file or truststore_file, and that the brokers' certificates name the"
                    + " host in kafka.brokers";
        }
        return at + " refused LogFlow (" + KafkaClientProperties.identity(security) + ", protocol "
                + security.protocol() + "): " + refused.getMessage() + ": check kafka.security";
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
