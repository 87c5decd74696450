package io.logflow.ingestor;

import io.logflow.core.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A real ingestor on a free port whose Kafka is the client's MockProducer (acknowledging at once, or never within 300 ms). */
public record MockKafkaIngestor(IngestorStage stage, MockProducer<byte[], byte[]> producer) implements AutoCloseable {

    public static MockKafkaIngestor start(boolean kafkaAcknowledges, Map<String, String> settings) {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(kafkaAcknowledges, null, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, String> environment = new HashMap<>(Map.of(
                "INGESTOR_HTTP_PORT", "0",
                "INGESTOR_KAFKA_TIMEOUT_MS", "300",
                "KAFKA_BROKERS", "127.0.0.1:1"));
        environment.putAll(settings);
        return new MockKafkaIngestor(IngestorStage.start(ConfigLoader.defaultsWith(environment), producer), producer);
    }

    public int port() {
        return stage.port();
    }

    @Override
    public void close() {
        stage.close();
    }
}
