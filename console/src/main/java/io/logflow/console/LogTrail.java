package io.logflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.json.Json;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.DeadLetter;
import io.logflow.core.kafka.IngestTime;
import io.logflow.core.kafka.TopicIds;
import io.logflow.core.kafka.TopicReader;
import io.logflow.core.log.LogId;
import io.logflow.dlq.DeadLetterRecord;
import io.logflow.dlq.DeadLetters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where the logs of one request went: every record with its correlation id in the raw and
 * parsed topics and both dead-letter topics, read from a little before the time of interest
 * and at most {@code trail_max_records} per topic, and the stored documents; grouped by log
 * id, each log's hops in time order.
 */
final class LogTrail {

    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    /** Records are read from this long before the time of interest. */
    static final Duration LEAD = Duration.ofMinutes(15);
    private static final int VALUE_CHARS = 4_000;

    private final LogFlowConfig config;
    private final StoredLogs logs;

    LogTrail(LogFlowConfig config, StoredLogs logs) {
        this.config = config;
        this.logs = logs;
    }

    static String checkedCorrelationId(String correlationId) {
        if (correlationId == null || !CORRELATION_ID.matcher(correlationId).matches()) {
            throw new BadRequest("correlation_id", "a correlation id is 1 to 128 letters, digits or ._:@/+=-");
        }
        return correlationId;
    }

    /** @param at the time of interest; null: a little before the first stored log, else the last 24 hours */
    ObjectNode follow(String correlationId, Instant at) throws InterruptedException {
        List<JsonNode> documents = logs.byCorrelationId(checkedCorrelationId(correlationId), 500);
        Instant since = at != null ? at.minus(LEAD) : documents.stream()
                .map(hit -> Instant.parse(hit.path("document").path("processed_at").asText(Instant.now().toString())))
                .min(Comparator.naturalOrder()).map(first -> first.minus(LEAD))
                .orElse(Instant.now().minus(Duration.ofHours(24)));
        LogFlowConfig.Topics topics = config.kafka().topics();
        String rawTopicId = TopicIds.idOf(config.kafka(), topics.raw());
        Map<String, List<ObjectNode>> hopsByLog = new LinkedHashMap<>();
        ObjectNode trail = Json.mapper().createObjectNode();
        trail.put("correlation_id", correlationId).put("since", since.toString());
        ObjectNode scanned = trail.putObject("scanned");
        for (String topic : List.of(topics.raw(), topics.parsed(), topics.rawDlq(), topics.parsedDlq())) {
            long read = new TopicReader(config.kafka()).read(topic, since, null, config.console().trailMaxRecords(),
                    record -> {
                        if (correlationId.equals(CorrelationId.read(record.headers()).orElse(null))) {
                            ObjectNode hop = hop(record, rawTopicId);
                            hopsByLog.computeIfAbsent(hop.path("log_id").asText(), id -> new ArrayList<>()).add(hop);
                        }
                    });
            scanned.putObject(topic).put("records", read).put("limit_reached", read >= config.console().trailMaxRecords());
        }
        markDeadLetterStates(hopsByLog);
        for (JsonNode document : documents) {
            hopsByLog.computeIfAbsent(document.path("id").asText(), id -> new ArrayList<>()).add(documentHop(document));
        }
        ArrayNode logsOut = trail.putArray("logs");
        hopsByLog.forEach((id, hops) -> logsOut.addObject().put("log_id", id).set("hops", inTimeOrder(hops)));
        return trail;
    }

    /** Whether each dead letter was replayed or archived, as {@code logflow dlq} recorded it. */
    private void markDeadLetterStates(Map<String, List<ObjectNode>> hopsByLog) {
        List<ObjectNode> deadLetters = hopsByLog.values().stream().flatMap(List::stream)
                .filter(hop -> hop.path("hop").asText().equals("dead letter")).toList();
        if (deadLetters.isEmpty()) {
            return;
        }
        Map<String, String> states;
        try (DeadLetters tool = new DeadLetters(config, message -> {})) {
            states = tool.states();
        }
        deadLetters.forEach(hop -> hop.put("state", states.getOrDefault(DeadLetter.key(hop.path("topic").asText(),
                hop.path("partition").asInt(), hop.path("offset").asLong()), "pending")));
    }

    private ObjectNode hop(ConsumerRecord<byte[], byte[]> record, String rawTopicId) {
        LogFlowConfig.Topics topics = config.kafka().topics();
        ObjectNode hop = Json.mapper().createObjectNode();
        hop.put("topic", record.topic()).put("partition", record.partition()).put("offset", record.offset())
                .put("time_ms", record.timestamp());
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        hop.put("value", value.length() > VALUE_CHARS ? value.substring(0, VALUE_CHARS) + "…" : value);
        if (record.topic().equals(topics.raw())) {
            hop.put("hop", "raw record").put("log_id", rawLogId(record, rawTopicId, record.partition(), record.offset()));
            // the ingestor answered 200 with this partition and offset once Kafka had it
            IngestTime.read(record.headers()).ifPresent(at -> hop.put("accepted_at", Instant.ofEpochMilli(at).toString()));
        } else if (record.topic().equals(topics.parsed())) {
            hop.put("hop", "parsed record").put("log_id", idIn(value));
        } else {
            DeadLetterRecord deadLetter = new DeadLetterRecord(record);
            hop.put("hop", "dead letter").put("reason", deadLetter.reason()).put("stage", deadLetter.stage());
            hop.put("log_id", record.topic().equals(topics.rawDlq()) ? deadLetteredRawId(record, rawTopicId) : idIn(value));
        }
        return hop;
    }

    /** The id the parser gives (or gave) a raw log: a replay's own, a client-named log's, or its place. */
    static String rawLogId(ConsumerRecord<byte[], byte[]> record, String rawTopicId, int partition, long offset) {
        String replayed = DeadLetter.header(record.headers(), LogId.HEADER);
        if (replayed != null) {
            return replayed;
        }
        String client = DeadLetter.header(record.headers(), LogId.CLIENT_HEADER);
        return client != null ? LogId.ofClient(rawTopicId, client) : LogId.of(rawTopicId, partition, offset);
    }

    private static String deadLetteredRawId(ConsumerRecord<byte[], byte[]> record, String rawTopicId) {
        String partition = DeadLetter.header(record.headers(), DeadLetter.ORIGINAL_PARTITION);
        String offset = DeadLetter.header(record.headers(), DeadLetter.ORIGINAL_OFFSET);
        if (partition == null || offset == null) {
            return "unknown";
        }
        return rawLogId(record, rawTopicId, Integer.parseInt(partition), Long.parseLong(offset));
    }

    private static String idIn(String value) {
        try {
            return Json.mapper().readTree(value).path("id").asText("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static ObjectNode documentHop(JsonNode hit) {
        ObjectNode hop = Json.mapper().createObjectNode();
        hop.put("hop", "document").put("log_id", hit.path("id").asText()).put("index", hit.path("index").asText());
        String indexedAt = hit.path("document").path("indexed_at").asText("");
        hop.put("time_ms", indexedAt.isEmpty() ? 0 : Instant.parse(indexedAt).toEpochMilli());
        hop.set("document", hit.path("document"));
        return hop;
    }

    /** The hops oldest first, each with the time since the one before. */
    static ArrayNode inTimeOrder(List<ObjectNode> hops) {
        hops.sort(Comparator.comparingLong(hop -> hop.path("time_ms").asLong()));
        ArrayNode ordered = Json.mapper().createArrayNode();
        long previous = -1;
        for (ObjectNode hop : hops) {
            long time = hop.path("time_ms").asLong();
            hop.put("time", Instant.ofEpochMilli(time).toString());
            if (previous >= 0) {
                hop.put("after_ms", time - previous);
            }
            previous = time;
            ordered.add(hop);
        }
        return ordered;
    }
}
