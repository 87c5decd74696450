package io.logflow.storagewriter;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the writer's rejections to the parsed logs' dead-letter topic and returns once
 * Kafka acknowledged all of them, retrying after a paused wait: dead letters must be in
 * Kafka before the offsets that skip them are committed.
 */
final class DeadLetterSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterSender.class);
    static final String STAGE = "storage-writer";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final PausedRetry retry;
    private final Clock clock;

    DeadLetterSender(Producer<byte[], byte[]> producer, String topic, PausedRetry retry, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.retry = retry;
        this.clock = clock;
    }

    void send(List<Rejection> rejections) throws InterruptedException {
        if (rejections.isEmpty()) {
            return;
        }
        List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>(rejections.size());
        for (Rejection rejection : rejections) {
            deadLetters.add(deadLetter(rejection));
        }
        for (int attempt = 1; !acknowledged(deadLetters); attempt++) {
            retry.await(attempt, deadLetters.size());
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(Rejection rejection) {
        log.atWarn().addKeyValue("partition", rejection.record().partition())
                .addKeyValue("offset", rejection.record().offset()).addKeyValue("reason", rejection.reason())
                .addKeyValue(CorrelationId.HEADER, CorrelationId.read(rejection.record().headers()).orElse(null))
                .log("parsed log dead-lettered");
        return DeadLetter.of(rejection.record(), topic, STAGE, rejection.reason(), rejection.cause(), clock.instant());
    }

    private boolean acknowledged(List<ProducerRecord<byte[], byte[]>> deadLetters) throws InterruptedException {
        List<Future<?>> acknowledgements = new ArrayList<>(deadLetters.size());
        for (ProducerRecord<byte[], byte[]> deadLetter : deadLetters) {
            acknowledgements.add(producer.send(deadLetter));
        }
        try {
            for (Future<?> acknowledgement : acknowledgements) {
                acknowledgement.get();
            }
            return true;
        } catch (ExecutionException e) {
            log.atWarn().addKeyValue("reason", e.getCause().getMessage())
                    .log("dead-letter topic did not take the dead letters; retrying");
            return false;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
