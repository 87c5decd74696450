package io.logflow.ingestor;

import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;

/** {@link IngestorOnMockKafka} with its producer at hand, closed as one. */
record MockKafkaIngestor(IngestorStage stage, MockProducer<byte[], byte[]> producer) implements AutoCloseable {

    static MockKafkaIngestor start(boolean kafkaAcknowledges, Map<String, String> settings) {
        MockProducer<byte[], byte[]> producer = IngestorOnMockKafka.producer(kafkaAcknowledges);
        return new MockKafkaIngestor(IngestorOnMockKafka.start(producer, settings), producer);
    }

    int port() {
        return stage.port();
    }

    @Override
    public void close() {
        stage.close();
    }
}
