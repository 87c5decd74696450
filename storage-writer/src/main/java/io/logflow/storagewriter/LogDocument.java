package io.logflow.storagewriter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One parsed log ready for a bulk request, with the record it came from. */
record LogDocument(String index, String id, byte[] source, ConsumerRecord<byte[], byte[]> record) {}
