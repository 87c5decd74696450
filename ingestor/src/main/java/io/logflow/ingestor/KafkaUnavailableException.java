package io.logflow.ingestor;

/** Kafka did not acknowledge a raw log within the deadline; the client should retry later. */
public class KafkaUnavailableException extends Exception {
    public KafkaUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
