package io.logflow.storagewriter;

/** A whole request failed for a reason that may pass: connection refused, timeout, 5xx. */
class ElasticsearchUnavailableException extends Exception {
    ElasticsearchUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
