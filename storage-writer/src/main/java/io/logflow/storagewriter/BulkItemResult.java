package io.logflow.storagewriter;

/** Elasticsearch's answer for one document of a bulk request. */
record BulkItemResult(LogDocument document, int status, String errorType, String errorReason) {

    BulkItemOutcome outcome() {
        return BulkItemOutcome.classify(status, errorType);
    }

    String describeError() {
        return status + " " + errorType + ": " + errorReason;
    }
}
