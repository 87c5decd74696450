package io.logflow.storagewriter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A parsed log the writer gives up on, on its way to the dead-letter topic: why (the
 * dead letter's error header), the exception or Elasticsearch error type behind it, and
 * the short reason its metric is counted under.
 */
record Rejection(ConsumerRecord<byte[], byte[]> record, String reason, String cause, String metricReason) {

    static Rejection unindexable(ConsumerRecord<byte[], byte[]> record, UnindexableLogException e) {
        return new Rejection(record, e.getMessage(), e.getClass().getName(), "unindexable");
    }

    static Rejection refused(BulkItemResult result) {
        return new Rejection(result.document().record(),
                "elasticsearch rejected the document: " + result.describeError(), result.errorType(), result.errorType());
    }
}
