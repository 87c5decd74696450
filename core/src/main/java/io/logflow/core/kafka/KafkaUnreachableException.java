package io.logflow.core.kafka;

import java.time.Duration;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Kafka did not answer a tool (the audit, the dead-letter tool) within
 * {@link #TOOL_DEADLINE}, said the same way by every tool so that an operator knows what
 * to check.
 */
public final class KafkaUnreachableException extends TimeoutException {

    /** How long a tool waits for an answer from Kafka before saying that it did not answer. */
    public static final Duration TOOL_DEADLINE = Duration.ofSeconds(15);

    public KafkaUnreachableException(String bootstrapServers, Throwable cause) {
        super("Kafka at " + bootstrapServers + " did not answer within " + TOOL_DEADLINE.toSeconds()
                + " s: is it running, and is kafka.brokers right?", cause);
    }
}
