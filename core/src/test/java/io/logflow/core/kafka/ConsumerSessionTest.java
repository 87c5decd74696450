package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.core.retry.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerSessionTest {

    private static final String TOPIC = "raw_logs";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final List<MockConsumer<byte[], byte[]>> opened = new CopyOnWriteArrayList<>();
    private final List<Long> handledOffsets = new CopyOnWriteArrayList<>();
    /** What the last opened consumer had committed, read each time a batch is committed (a closed mock tells nothing). */
    private final List<Long> committedOffsets = new CopyOnWriteArrayList<>();

    /** A consumer that is assigned the one partition at its first poll, which then holds these offsets. */
    private MockConsumer<byte[], byte[]> consumerWith(long... offsets) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            for (long offset : offsets) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null, new byte[] {(byte) offset}));
            }
        });
        opened.add(consumer);
        return consumer;
    }

    private ConsumerSession session(Deque<MockConsumer<byte[], byte[]>> consumers,
                                    ConsumerSession.HandlerFactory handlers) {
        return new ConsumerSession("test", TOPIC, consumers::poll, handlers, new Backoff(1, 2, new Random(1)),
                new SimpleMeterRegistry());
    }

    /** A handler that records the offsets it is handed and then does what the test says. */
    private ConsumerSession.BatchHandler handler(Consumer<ConsumerRecords<byte[], byte[]>> then, AtomicBoolean closed) {
        return new ConsumerSession.BatchHandler() {
            @Override
            public void handle(ConsumerRecords<byte[], byte[]> batch) {
                batch.forEach(record -> handledOffsets.add(record.offset()));
                then.accept(batch);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }

    private void commit(SessionConsumer consumer, ConsumerRecords<byte[], byte[]> batch) {
        consumer.commit(batch);
        committedOffsets.add(opened.getLast().committed(Set.of(PARTITION)).get(PARTITION).offset());
    }

    @Test
    void aPolledBatchGoesToTheHandlerWhichCommitsIt() {
        Deque<MockConsumer<byte[], byte[]>> consumers = new ArrayDeque<>(List.of(consumerWith(0, 1, 2)));
        AtomicBoolean handlerClosed = new AtomicBoolean();
        ConsumerSession[] session = new ConsumerSession[1];
        session[0] = session(consumers, consumer -> handler(batch -> {
            commit(consumer, batch);
            session[0].stop();
        }, handlerClosed));

        session[0].run();

        MockConsumer<byte[], byte[]> consumer = opened.getFirst();
        assertThat(consumer.subscription()).containsExactly(TOPIC);
        assertThat(handledOffsets).containsExactly(0L, 1L, 2L);
        assertThat(committedOffsets).containsExactly(3L);
        assertThat(handlerClosed).isTrue();
        assertThat(consumer.closed()).as("the consumer leaves the group when the session stops").isTrue();
    }

    @Test
    void aFailedSessionIsClosedAndANewOneOpened() {
        Deque<MockConsumer<byte[], byte[]>> consumers = new ArrayDeque<>(List.of(consumerWith(0, 1), consumerWith(0, 1)));
        List<AtomicBoolean> handlersClosed = new ArrayList<>();
        ConsumerSession[] session = new ConsumerSession[1];
        session[0] = session(consumers, consumer -> {
            AtomicBoolean closed = new AtomicBoolean();
            handlersClosed.add(closed);
            boolean first = handlersClosed.size() == 1;
            return handler(batch -> {
                if (first) {
                    throw new IllegalStateException("the stage failed");
                }
                commit(consumer, batch);
                session[0].stop();
            }, closed);
        });

        session[0].run();

        assertThat(opened).hasSize(2);
        assertThat(opened.getFirst().closed()).isTrue();
        assertThat(handlersClosed).hasSize(2).allMatch(AtomicBoolean::get);
        assertThat(handledOffsets).as("the second session handles the batch again").containsExactly(0L, 1L, 0L, 1L);
        assertThat(committedOffsets).as("only the second session commits").containsExactly(2L);
    }

    @Test
    void stopEndsASessionThatIsWaitingForRecords() throws InterruptedException {
        Deque<MockConsumer<byte[], byte[]>> consumers = new ArrayDeque<>(List.of(consumerWith()));
        ConsumerSession session = session(consumers, consumer -> handler(batch -> {}, new AtomicBoolean()));
        Thread thread = Thread.ofPlatform().start(session);
        await().atMost(Duration.ofSeconds(5)).until(() -> !opened.isEmpty() && !opened.getFirst().assignment().isEmpty());

        session.stop();

        thread.join(Duration.ofSeconds(5));
        assertThat(thread.isAlive()).isFalse();
        assertThat(opened.getFirst().closed()).isTrue();
        assertThat(handledOffsets).isEmpty();
    }
}
