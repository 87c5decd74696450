package io.logflow.storagewriter;

/** A parsed record that cannot become a document at all (not JSON, no id, no time). */
class UnindexableLogException extends RuntimeException {
    UnindexableLogException(String reason) {
        super(reason);
    }
}
