package io.logflow.storagewriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch into bulk requests of at most a number of bytes, so that a batch of large
 * logs never makes one request Elasticsearch refuses for its size. A document larger than
 * the bound goes alone.
 */
final class BulkChunks {

    private static final int ACTION_LINE_BYTES = 96;

    private BulkChunks() {}

    static List<List<LogDocument>> split(List<LogDocument> documents, long maxBytes) {
        List<List<LogDocument>> chunks = new ArrayList<>();
        List<LogDocument> chunk = new ArrayList<>();
        long bytes = 0;
        for (LogDocument document : documents) {
            long size = document.size() + ACTION_LINE_BYTES;
            if (!chunk.isEmpty() && bytes + size > maxBytes) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(document);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
