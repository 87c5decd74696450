package io.logflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.log.LogStorage;
import io.logflow.core.json.Json;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.kafka.KafkaAccessRefusedException;
import io.logflow.core.kafka.KafkaUnreachableException;
import io.logflow.core.kafka.TopicIds;
import io.logflow.core.kafka.TopicReader;
import io.logflow.core.log.LogId;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Reconciles what the pipeline accepted with where it ended: every raw log in a window
 * of the raw topic against the documents in Elasticsearch and the records in both
 * dead-letter topics, and the parsed topic for logs parsed twice. Operators run it after
 * an incident ({@code logflow audit}); the fault tests end with it.
 */
public final class PipelineAudit {

    private final LogFlowConfig config;
    private final Consumer<String> progress;

    public PipelineAudit(LogFlowConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * @param since, until the window of raw records, by their Kafka timestamp; null for no bound
     * @throws KafkaUnreachableException when Kafka does not answer within its deadline
     */
    public AuditReport run(Instant since, Instant until) throws IOException, InterruptedException {
        LogFlowConfig.Topics topics = config.kafka().topics();
        String rawTopicId = TopicIds.idOf(config.kafka(), topics.raw());
        AuditLedger ledger = new AuditLedger(rawTopicId);
        TopicReader kafka = new TopicReader(config.kafka());

        Set<String> replayed = replayedDeadLetters(kafka);
        // a replayed dead letter is the same log again, under its first id: not a new one
        long raw = kafka.read(topics.raw(), since, until, record -> {
            if (!isReplay(record)) {
                ledger.accepted(record.partition(), record.offset(),
                        DeadLetter.header(record.headers(), LogId.CLIENT_HEADER));
            }
        });
        progress.accept("read " + raw + " raw logs from " + topics.raw());
        long parsed = kafka.read(topics.parsed(), null, null, record -> {
            if (!isReplay(record)) {
                idOf(record).ifPresent(ledger::parsed);
            }
        });
        progress.accept("read " + parsed + " parsed logs from " + topics.parsed());
        long rawDeadLetters = kafka.read(topics.rawDlq(), null, null, record -> {
            if (replayed.contains(DeadLetter.key(record.topic(), record.partition(), record.offset()))) {
                return;
            }
            if (topics.raw().equals(DeadLetter.header(record.headers(), DeadLetter.ORIGINAL_TOPIC))) {
                ledger.deadLetteredByParser(
                        Integer.parseInt(DeadLetter.header(record.headers(), DeadLetter.ORIGINAL_PARTITION)),
                        Long.parseLong(DeadLetter.header(record.headers(), DeadLetter.ORIGINAL_OFFSET)));
            }
        });
        progress.accept("read " + rawDeadLetters + " dead letters from " + topics.rawDlq());
        long parsedDeadLetters = kafka.read(topics.parsedDlq(), null, null, record -> {
            if (!replayed.contains(DeadLetter.key(record.topic(), record.partition(), record.offset()))) {
                ledger.deadLetteredByWriter(idOf(record).orElse(null));
            }
        });
        progress.accept("read " + parsedDeadLetters + " dead letters from " + topics.parsedDlq());
        long documents;
        LogStorage storage = LogStorage.of(config.storageWriter());
        try (ElasticsearchConnection elasticsearch = new ElasticsearchConnection(config.elasticsearch())) {
            documents = new StoredLogIds(elasticsearch).forEach(storage.searchTarget(), rawTopicId + "-", ledger::stored);
        }
        progress.accept("listed " + documents + " documents in " + storage.describe());
        return ledger.report();
    }

    private static boolean isReplay(ConsumerRecord<byte[], byte[]> record) {
        return record.headers().lastHeader(DeadLetter.REPLAYED_FROM) != null;
    }

    /** Dead letters {@code logflow dlq replay} sent back: they no longer end their log. */
    private Set<String> replayedDeadLetters(TopicReader kafka) {
        Set<String> replayed = new HashSet<>();
        try {
            kafka.read(config.kafka().topics().dlqState(), null, null, record -> {
                if (record.key() != null && record.value() != null
                        && new String(record.value(), StandardCharsets.UTF_8).startsWith("replayed")) {
                    replayed.add(new String(record.key(), StandardCharsets.UTF_8));
                }
            });
        } catch (KafkaUnreachableException | KafkaAccessRefusedException e) {
            throw e;
        } catch (KafkaException noStateTopic) {
            // nothing was ever replayed
        }
        return replayed;
    }

    private static Optional<String> idOf(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode id = Json.mapper().readTree(record.value()).get("id");
            return id != null && id.isTextual() ? Optional.of(id.textValue()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
