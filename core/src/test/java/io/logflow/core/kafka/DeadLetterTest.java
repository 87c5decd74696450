package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void keepsTheOriginalBytesAndSaysWhyAndWhereFrom() {
        byte[] original = {(byte) 0xff, 0x00, 'x'};
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("raw_logs", 2, 41L, "k".getBytes(), original);
        record.headers().add("correlation_id", "abc".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> deadLetter = DeadLetter.of(record, "raw_logs_dlq", "parser",
                "timestamp is missing", "io.logflow.SomeException", Instant.parse("2026-11-27T08:00:00Z"));

        assertThat(deadLetter.topic()).isEqualTo("raw_logs_dlq");
        assertThat(deadLetter.value()).isSameAs(original);
        assertThat(deadLetter.key()).isEqualTo("k".getBytes());
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ERROR)).isEqualTo("timestamp is missing");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_TOPIC)).isEqualTo("raw_logs");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.STAGE)).isEqualTo("parser");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.FAILED_AT)).isEqualTo("2026-11-27T08:00:00Z");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.EXCEPTION_CLASS)).isEqualTo("io.logflow.SomeException");
        assertThat(DeadLetter.header(deadLetter.headers(), "correlation_id")).isEqualTo("abc");
    }

    @Test
    void aRecordDeadLetteredTwiceSaysWhyTheLastTime() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("parsed_logs", 0, 1L, null, new byte[0]);
        record.headers().add(DeadLetter.ERROR, "first".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> deadLetter =
                DeadLetter.of(record, "dlq", "storage-writer", "second", "x", Instant.EPOCH);
        assertThat(deadLetter.headers().headers(DeadLetter.ERROR)).hasSize(1);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.ERROR)).isEqualTo("second");
    }
}
