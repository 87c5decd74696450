package io.logflow.dlq;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A record of a dead-letter topic, with what its headers say. */
public record DeadLetterRecord(ConsumerRecord<byte[], byte[]> record) {

    /** The name of this dead letter in the state topic: topic, partition and offset. */
    public String key() {
        return DeadLetter.key(record.topic(), record.partition(), record.offset());
    }

    public String reason() {
        return header(DeadLetter.ERROR, "");
    }

    public String stage() {
        return header(DeadLetter.STAGE, "unknown");
    }

    public String originalTopic() {
        return header(DeadLetter.ORIGINAL_TOPIC, null);
    }

    public String correlationId() {
        return CorrelationId.read(record.headers()).orElse(null);
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(record.timestamp());
    }

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private String header(String name, String otherwise) {
        String value = DeadLetter.header(record.headers(), name);
        return value == null ? otherwise : value;
    }
}
