package io.logflow.storagewriter;

/** What became of one document in a bulk request, and so what the writer does next. */
enum BulkItemOutcome {
    /** Created, or already there under the same id (409): done. */
    STORED,
    /** Elasticsearch will never take it as it is (mapping, parse, illegal argument): dead-letter it. */
    REJECTED,
    /**
     * Elasticsearch could not take it now (429, 5xx, cluster block), or refused LogFlow's
     * credentials or privileges for it (401, 403: an operator's fix, not the log's fault):
     * retry it, commit nothing.
     */
    RETRY;

    static BulkItemOutcome classify(int status, String errorType) {
        if (status >= 200 && status < 300 || status == 409) {
            return STORED;
        }
        if (status == 401 || status == 403 || status == 429 || status >= 500 || isClusterBlock(errorType)) {
            return RETRY;
        }
        return REJECTED;
    }

    private static boolean isClusterBlock(String errorType) {
        return errorType != null && errorType.contains("cluster_block_exception");
    }
}
