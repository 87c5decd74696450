package io.logflow.dlq;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.json.Json;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.kafka.KafkaClientProperties;
import io.logflow.core.kafka.TopicIds;
import io.logflow.core.kafka.TopicReader;
import io.logflow.core.log.LogId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@code logflow dlq}: list, show, replay and archive the dead letters of both
 * dead-letter topics of any Kafka cluster named in the configuration.
 */
public final class DeadLetters implements AutoCloseable {

    private static final Set<String> DEAD_LETTER_HEADERS = Set.of(DeadLetter.ERROR, DeadLetter.ORIGINAL_TOPIC,
            DeadLetter.ORIGINAL_PARTITION, DeadLetter.ORIGINAL_OFFSET, DeadLetter.STAGE, DeadLetter.FAILED_AT,
            DeadLetter.EXCEPTION_CLASS);

    private final LogFlowConfig config;
    private final Consumer<String> progress;
    private final DeadLetterState state;

    public DeadLetters(LogFlowConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.state = new DeadLetterState(config.kafka(), config.kafka().topics().dlqState());
    }

    /** One dead-letter topic at a glance. */
    public record TopicSummary(String topic, long total, long pending, Map<String, Long> pendingByStageAndReason,
                               Instant oldest, Instant newest) {}

    public List<TopicSummary> list() {
        Map<String, String> states = state.load();
        List<TopicSummary> summaries = new ArrayList<>();
        for (String topic : deadLetterTopics()) {
            List<DeadLetterRecord> records = read(topic);
            Map<String, Long> byReason = new TreeMap<>();
            long pending = 0;
            for (DeadLetterRecord record : records) {
                if (!states.containsKey(record.key())) {
                    pending++;
                    byReason.merge(record.stage() + ": " + reasonKind(record.reason()), 1L, Long::sum);
                }
            }
            summaries.add(new TopicSummary(topic, records.size(), pending, byReason,
                    records.stream().map(DeadLetterRecord::timestamp).min(Instant::compareTo).orElse(null),
                    records.stream().map(DeadLetterRecord::timestamp).max(Instant::compareTo).orElse(null)));
        }
        return summaries;
    }

    /** The reason without the values that make each one unique, so that alike reasons count together. */
    static String reasonKind(String reason) {
        return reason.replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
    }

    public List<DeadLetterRecord> select(String topic, DeadLetterFilter filter) {
        return select(topic, filter, states());
    }

    /** @param states what {@link #states()} returned, for a caller that needs them too */
    public List<DeadLetterRecord> select(String topic, DeadLetterFilter filter, Map<String, String> states) {
        List<DeadLetterRecord> selected = new ArrayList<>();
        for (String each : topic == null ? deadLetterTopics() : List.of(topic)) {
            read(each).stream().filter(record -> filter.matches(record, states)).forEach(selected::add);
        }
        return selected;
    }

    public Map<String, String> states() {
        return state.load();
    }

    /** What a replay did. */
    public record ReplaySummary(int replayed, int skipped, boolean dryRun) {}

    /**
     * Sends each dead letter back to the topic it came from, at most {@code perSecond} a
     * second, and marks it replayed. A raw log keeps the id of its first life (header
     * {@value LogId#HEADER}), so replaying it again stores no second document.
     */
    public ReplaySummary replay(List<DeadLetterRecord> deadLetters, double perSecond, boolean dryRun)
            throws InterruptedException, ExecutionException {
        if (dryRun) {
            deadLetters.forEach(record -> progress.accept("would replay " + record.key() + " to " + record.originalTopic()));
            return new ReplaySummary(0, 0, true);
        }
        String rawTopic = config.kafka().topics().raw();
        String rawTopicId = TopicIds.idOf(config.kafka(), rawTopic);
        int replayed = 0;
        int skipped = 0;
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClientProperties.producer(config.kafka(), "logflow-dlq-replay"))) {
            for (DeadLetterRecord deadLetter : deadLetters) {
                String target = deadLetter.originalTopic();
                if (target == null) {
                    progress.accept("skipping " + deadLetter.key() + ": it has no original_topic header");
                    skipped++;
                    continue;
                }
                long due = started + (long) (replayed / perSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                producer.send(new ProducerRecord<>(target, null, deadLetter.record().key(), deadLetter.record().value(),
                        replayHeaders(deadLetter, target.equals(rawTopic) ? rawTopicId : null))).get();
                state.mark(deadLetter.key(), DeadLetterState.REPLAYED);
                replayed++;
                if (replayed % 100 == 0 || replayed == deadLetters.size() - skipped) {
                    progress.accept(String.format("replayed %d of %d", replayed, deadLetters.size()));
                }
            }
        }
        return new ReplaySummary(replayed, skipped, false);
    }

    /**
     * The headers a dead letter goes back with: its own, without the ones that said why it
     * failed, plus where it was replayed from and, for a raw log, the id of its first life.
     */
    static RecordHeaders replayHeaders(DeadLetterRecord deadLetter, String rawTopicId) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.record().headers()) {
            if (!DEAD_LETTER_HEADERS.contains(header.key()) && !header.key().equals(DeadLetter.REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(DeadLetter.REPLAYED_FROM, deadLetter.key().getBytes(StandardCharsets.UTF_8));
        if (rawTopicId != null && headers.lastHeader(LogId.HEADER) == null) {
            firstLifeId(deadLetter, rawTopicId).ifPresent(id -> headers.add(LogId.HEADER, id.getBytes(StandardCharsets.UTF_8)));
        }
        return headers;
    }

    /**
     * The id a raw log had, or would have had, before it became a dead letter: derived from
     * its client's name when it had one (so that a replay and a later resend by the client
     * are the same document), else from the record's place in the raw topic.
     */
    private static Optional<String> firstLifeId(DeadLetterRecord deadLetter, String rawTopicId) {
        Headers original = deadLetter.record().headers();
        String clientKey = DeadLetter.header(original, LogId.CLIENT_HEADER);
        if (clientKey != null) {
            return Optional.of(LogId.ofClient(rawTopicId, clientKey));
        }
        String partition = DeadLetter.header(original, DeadLetter.ORIGINAL_PARTITION);
        String offset = DeadLetter.header(original, DeadLetter.ORIGINAL_OFFSET);
        return partition == null || offset == null ? Optional.empty()
                : Optional.of(LogId.of(rawTopicId, Integer.parseInt(partition), Long.parseLong(offset)));
    }

    /**
     * Writes each dead letter, value and headers, as a line of gzip-compressed NDJSON, then
     * marks it archived: it no longer counts as pending.
     */
    public int archive(List<DeadLetterRecord> deadLetters, Path file) throws IOException, InterruptedException, ExecutionException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (DeadLetterRecord deadLetter : deadLetters) {
                out.write(Json.mapper().writeValueAsBytes(archiveLineOf(deadLetter)));
                out.write('\n');
            }
        }
        for (DeadLetterRecord deadLetter : deadLetters) {
            state.mark(deadLetter.key(), DeadLetterState.ARCHIVED);
        }
        progress.accept("archived " + deadLetters.size() + " dead letters to " + file);
        return deadLetters.size();
    }

    public static ObjectNode archiveLineOf(DeadLetterRecord deadLetter) {
        var record = deadLetter.record();
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", deadLetter.timestamp().toString());
        if (record.key() != null) {
            line.put("key_base64", Base64.getEncoder().encodeToString(record.key()));
        }
        if (record.value() != null) {
            line.put("value_base64", Base64.getEncoder().encodeToString(record.value()));
            utf8(record.value()).ifPresent(text -> line.put("value", text));
        }
        line.set("headers", Json.mapper().valueToTree(deadLetter.headers()));
        return line;
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private List<String> deadLetterTopics() {
        return List.of(config.kafka().topics().rawDlq(), config.kafka().topics().parsedDlq());
    }

    private List<DeadLetterRecord> read(String topic) {
        List<DeadLetterRecord> records = new ArrayList<>();
        try {
            new TopicReader(config.kafka()).read(topic, null, null,
                    record -> records.add(new DeadLetterRecord(record)));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new DeadLetterToolException("Kafka at " + config.kafka().bootstrapServers()
                    + " did not answer: is it running, and is kafka.brokers right?");
        } catch (KafkaException e) {
            throw new DeadLetterToolException(e.getMessage());
        }
        return records;
    }

    @Override
    public void close() {
        state.close();
    }
}
