package io.logflow.storagewriter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One parsed log ready for a bulk request, with the record it came from. The document is the
 * record's value up to its closing brace, then the writer's fields and the brace: it is written
 * straight into a bulk body, and a document waiting for its bulk holds no copy of its own.
 *
 * @param logEnd        where the log's closing brace is in the record's value
 * @param storageFields the writer's fields, {@code ,"name":"value"} each, and the closing brace
 */
record LogDocument(String index, String id, ConsumerRecord<byte[], byte[]> record, int logEnd, byte[] storageFields) {

    int size() {
        return logEnd + storageFields.length;
    }

    /** @return where the document ends in {@code body} */
    int writeTo(byte[] body, int at) {
        System.arraycopy(record.value(), 0, body, at, logEnd);
        System.arraycopy(storageFields, 0, body, at + logEnd, storageFields.length);
        return at + size();
    }
}
