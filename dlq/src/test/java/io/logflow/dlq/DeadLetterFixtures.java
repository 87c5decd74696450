package io.logflow.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Dead letters as a dead-letter topic would hold them, for tests without Kafka. */
final class DeadLetterFixtures {

    private DeadLetterFixtures() {}

    static DeadLetterRecord deadLetter(int partition, long offset, Instant at, Map<String, String> headers) {
        return deadLetter("raw_logs_dlq", partition, offset, at, utf8("{\"message\":\"m\"}"), headers);
    }

    static DeadLetterRecord deadLetter(String topic, int partition, long offset, Instant at, byte[] value,
                                       Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(name, utf8(text)));
        return new DeadLetterRecord(new ConsumerRecord<>(topic, partition, offset, at.toEpochMilli(),
                TimestampType.CREATE_TIME, 0, value == null ? 0 : value.length, null, value, recordHeaders,
                Optional.empty()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
