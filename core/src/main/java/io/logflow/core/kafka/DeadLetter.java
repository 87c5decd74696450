package io.logflow.core.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record a stage could not process, on its way to a dead-letter topic: the original
 * bytes unchanged, and headers saying why, where it came from and who gave up on it.
 */
public final class DeadLetter {

    public static final String ERROR = "error";
    public static final String ORIGINAL_TOPIC = "original_topic";
    public static final String ORIGINAL_PARTITION = "original_partition";
    public static final String ORIGINAL_OFFSET = "original_offset";
    public static final String STAGE = "stage";
    public static final String FAILED_AT = "failed_at";
    /** On a record sent back by {@code logflow dlq replay}: the dead letter (topic-partition-offset) it was. */
    public static final String REPLAYED_FROM = "logflow_replayed_from";
    /** The exception, or Elasticsearch's error type, behind the failure. */
    public static final String EXCEPTION_CLASS = "exception_class";

    private DeadLetter() {}

    public static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> original, String deadLetterTopic,
                                                     String stage, String reason, String cause,
                                                     Instant failedAt) {
        Headers headers = new RecordHeaders();
        for (Header header : original.headers()) {
            headers.add(header);
        }
        put(headers, ERROR, reason);
        put(headers, ORIGINAL_TOPIC, original.topic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(original.partition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(original.offset()));
        put(headers, STAGE, stage);
        put(headers, FAILED_AT, failedAt.toString());
        put(headers, EXCEPTION_CLASS, cause);
        return new ProducerRecord<>(deadLetterTopic, null, original.key(), original.value(), headers);
    }

    /** Replaces any header of that name, so a record dead-lettered twice says why the last time. */
    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** How the dead-letter tool names a dead letter, and its state topic keys it. */
    public static String key(String topic, int partition, long offset) {
        return topic + "-" + partition + "-" + offset;
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
