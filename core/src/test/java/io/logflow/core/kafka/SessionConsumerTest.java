package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionConsumerTest {

    private static final TopicPartition P0 = new TopicPartition("parsed_logs", 0);
    private static final TopicPartition P1 = new TopicPartition("parsed_logs", 1);

    private final MockConsumer<byte[], byte[]> mock = new MockConsumer<>("earliest");
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final SessionConsumer consumer = new SessionConsumer(mock, running::get);

    @BeforeEach
    void assignOnePartitionWithThreeRecords() {
        mock.assign(List.of(P0));
        mock.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        for (long offset = 0; offset < 3; offset++) {
            mock.addRecord(new ConsumerRecord<>(P0.topic(), 0, offset, null, new byte[] {1}));
        }
    }

    @Test
    void aRewoundBatchIsPolledAgain() {
        ConsumerRecords<byte[], byte[]> batch = mock.poll(Duration.ZERO);
        assertThat(batch.count()).isEqualTo(3);

        consumer.rewind(batch);

        assertThat(mock.position(P0)).isZero();
    }

    @Test
    void nextOffsetsAreOnePastEachPartitionsLastRecord() {
        ConsumerRecords<byte[], byte[]> batch = mock.poll(Duration.ZERO);

        assertThat(SessionConsumer.nextOffsets(batch).get(P0).offset()).isEqualTo(3);
    }

    @Test
    void waitingPausedReadsNothingAndARecordFromANewPartitionIsPutBack() {
        mock.poll(Duration.ZERO);
        mock.schedulePollTask(() -> {
            // a rebalance during the wait hands over a partition that is not paused
            mock.assign(List.of(P0, P1));
            mock.addRecord(new ConsumerRecord<>(P1.topic(), 1, 0, null, new byte[] {2}));
        });

        consumer.waitPaused(Duration.ofMillis(30));

        assertThat(mock.paused()).contains(P0);
        assertThat(mock.position(P1)).as("the record read during the wait is read again later").isZero();
        consumer.resume();
        assertThat(mock.paused()).isEmpty();
    }

    @Test
    void aStopDuringAPausedWaitEndsIt() {
        running.set(false);

        assertThatThrownBy(() -> consumer.waitPaused(Duration.ofSeconds(30))).isInstanceOf(WakeupException.class);
    }
}
