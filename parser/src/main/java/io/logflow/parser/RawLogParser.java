package io.logflow.parser;

import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.log.LogId;
import io.logflow.core.log.LogNormalizer;
import io.logflow.core.log.NowText;
import io.logflow.core.log.UnparseableLogException;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns one raw record into the one record that follows it: a parsed log for the parsed
 * topic, or a dead letter saying why it could not be parsed. Pure: no I/O.
 */
final class RawLogParser {

    static final String STAGE = "parser";

    private final LogNormalizer normalizer;
    private final String rawTopicId;
    private final String parsedTopic;
    private final String deadLetterTopic;
    private final Clock clock;
    private final NowText now;

    RawLogParser(LogNormalizer normalizer, String rawTopicId, String parsedTopic, String deadLetterTopic, Clock clock) {
        this.normalizer = normalizer;
        this.rawTopicId = rawTopicId;
        this.parsedTopic = parsedTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.clock = clock;
        this.now = new NowText(clock);
    }

    /** The record that follows a raw one; {@code failure} names why it is a dead letter, null if it is not. */
    record Outcome(ProducerRecord<byte[], byte[]> record, String failure) {}

    /** The header's id (a replayed dead letter keeps its first), the client's name, or the record's place. */
    private String id(ConsumerRecord<byte[], byte[]> raw, RawLogHeaders headers) {
        if (headers.logId() != null) {
            return headers.logId();
        }
        return headers.clientKey() != null ? LogId.ofClient(rawTopicId, headers.clientKey())
                : LogId.of(rawTopicId, raw.partition(), raw.offset());
    }

    Outcome parse(ConsumerRecord<byte[], byte[]> raw) {
        try {
            if (raw.value() == null) {
                throw new UnparseableLogException("no_value", "raw record has no value");
            }
            RawLogHeaders headers = RawLogHeaders.of(raw.headers());
            byte[] parsed = normalizer.normalise(raw.value(), id(raw, headers), now.get(), headers.correlationId(),
                    headers.ingestKey());
            return new Outcome(new ProducerRecord<>(parsedTopic, null, raw.key(), parsed, raw.headers()), null);
        } catch (UnparseableLogException e) {
            return new Outcome(DeadLetter.of(raw, deadLetterTopic, STAGE, e.getMessage(), e.getClass().getName(),
                    clock.instant()), e.kind());
        } catch (RuntimeException e) {
            // never let one record stop the pipeline: an unexpected failure is a dead letter too
            return new Outcome(DeadLetter.of(raw, deadLetterTopic, STAGE, "unexpected error: " + e, e.getClass().getName(),
                    clock.instant()), "unexpected");
        }
    }
}
