package io.logflow.ingestor;

import io.logflow.core.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A real ingestor on a free port whose Kafka is the client's MockProducer (acknowledging or not within 300 ms). */
public final class IngestorOnMockKafka {

    private IngestorOnMockKafka() {}

    public static IngestorStage start(MockProducer<byte[], byte[]> producer, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "INGESTOR_HTTP_PORT", "0",
                "INGESTOR_KAFKA_TIMEOUT_MS", "300",
                "KAFKA_BROKERS", "127.0.0.1:1"));
        environment.putAll(settings);
        return IngestorStage.start(ConfigLoader.defaultsWith(environment), producer);
    }

    public static MockProducer<byte[], byte[]> producer(boolean kafkaAcknowledges) {
        return new MockProducer<>(kafkaAcknowledges, null, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
