package io.logflow.bench;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.kafka.KafkaClientProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * (b) Kafka's own limit here: one producer with LogFlow's settings (acks=all, idempotent,
 * lz4) sending the raw logs, until every record is acknowledged.
 */
final class KafkaProducerLimit {

    private KafkaProducerLimit() {}

    static double recordsPerSecond(LogFlowConfig.Kafka kafka, String topic, int records) throws Exception {
        Instant now = Instant.now();
        List<byte[]> values = new ArrayList<>(records);
        for (int n = 0; n < records; n++) {
            values.add(BenchLogs.rawBytes(n, now));
        }
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(KafkaClientProperties.producer(kafka, "bench-producer"))) {
            long started = System.nanoTime();
            List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(records);
            for (byte[] value : values) {
                acknowledgements.add(producer.send(new ProducerRecord<>(topic, value)));
            }
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get();
            }
            return records / ((System.nanoTime() - started) / 1e9);
        }
    }
}
