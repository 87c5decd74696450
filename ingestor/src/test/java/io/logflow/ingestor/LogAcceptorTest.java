package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.log.LogValidator;
import io.logflow.core.metrics.StageMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The accept path over a batch larger than the slices its valid logs are sent to Kafka in. */
class LogAcceptorTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final LogAcceptor acceptor = new LogAcceptor(new LogValidator(65_536),
            new RawLogPublisher(producer, "raw_logs", Duration.ofSeconds(1), 1 << 24),
            new IngestorMetrics(new StageMeters(new SimpleMeterRegistry())));

    private static byte[] log(int i) {
        String level = i % 7 == 3 ? "LOUD" : "INFO"; // every seventh log is invalid
        return ("{\"timestamp\":\"2026-01-15T10:30:00Z\",\"level\":\"" + level + "\",\"message\":\"log " + i + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyLogOfAManySliceBatchGetsItsVerdictInPlaceAndTheValidOnesReachKafkaInOrder() {
        List<byte[]> logs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            logs.add(log(i));
        }

        List<LogAcceptor.Verdict> verdicts = acceptor.accept(logs, "req-1");

        assertThat(verdicts).hasSize(1_000);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if (i % 7 == 3) {
                assertThat(verdicts.get(i).rejected()).as("log " + i).isTrue();
            } else {
                assertThat(verdicts.get(i).accepted()).as("log " + i).isTrue();
                sent.add(new String(logs.get(i), StandardCharsets.UTF_8));
            }
        }
        assertThat(producer.history()).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(sent);
        assertThat(producer.history().get(0).headers().lastHeader(CorrelationId.HEADER)).isNotNull();
    }
}
