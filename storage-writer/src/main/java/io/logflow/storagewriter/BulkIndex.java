package io.logflow.storagewriter;

import java.util.List;

/** Where the writer stores documents: one bulk request, one result per document, in order. */
interface BulkIndex {
    List<BulkItemResult> bulk(List<LogDocument> documents) throws ElasticsearchUnavailableException;
}
