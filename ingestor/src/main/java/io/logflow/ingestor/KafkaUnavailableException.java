package io.logflow.ingestor;

/** Kafka did not acknowledge a raw log within the deadline; the client should retry later. */
class KafkaUnavailableException extends Exception {
    KafkaUnavailableException(String reason) {
        super(reason);
    }
}
