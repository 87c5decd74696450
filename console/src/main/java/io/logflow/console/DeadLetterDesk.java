package io.logflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.json.Json;
import io.logflow.dlq.DeadLetterFilter;
import io.logflow.dlq.DeadLetterRecord;
import io.logflow.dlq.DeadLetters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The dead letters as {@code logflow dlq} sees them, through the same {@link DeadLetters}:
 * counts by reason, the records with headers and bytes, replay (a dry run first) and
 * archive. What was replayed or archived is kept in the same state topic as the CLI's.
 */
final class DeadLetterDesk {

    static final int MAX_SHOWN = 500;
    private static final double REPLAY_PER_SECOND = 500;

    private final LogFlowConfig config;

    DeadLetterDesk(LogFlowConfig config) {
        this.config = config;
    }

    /** Which dead letters an action means: named ones ({@code keys}), or all matching a filter. */
    record Selection(String topic, Pattern reason, String correlationId, Set<String> keys, boolean pendingOnly) {

        static Selection of(Map<String, List<String>> params) {
            return new Selection(topic(LogQuery.one(params, "topic", null)), reason(LogQuery.one(params, "reason", null)),
                    LogQuery.one(params, "correlation_id", null), Set.of(),
                    !"false".equals(LogQuery.one(params, "pending", "true")));
        }

        /** From an action's JSON body: {@code keys}, or {@code topic}, {@code reason}, {@code correlation_id}. */
        static Selection of(JsonNode body) {
            Set<String> keys = new HashSet<>();
            body.path("keys").forEach(key -> keys.add(key.asText()));
            Selection selection = new Selection(topic(text(body, "topic")), reason(text(body, "reason")),
                    text(body, "correlation_id"), keys, true);
            if (keys.isEmpty() && selection.reason == null && selection.correlationId == null && !body.path("all").asBoolean()) {
                throw new BadRequest("keys", "say which dead letters: keys, a reason or a correlation_id, or \"all\": true");
            }
            return selection;
        }

        private static String text(JsonNode body, String field) {
            JsonNode value = body.path(field);
            return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
        }

        private static String topic(String topic) {
            return topic == null || topic.isBlank() ? null : topic;
        }

        private static Pattern reason(String regex) {
            try {
                return regex == null || regex.isBlank() ? null : Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new BadRequest("reason", "not a regular expression: " + e.getDescription());
            }
        }

        DeadLetterFilter filter() {
            return new DeadLetterFilter(reason, null, null, null, null, null, correlationId, pendingOnly);
        }
    }

    ObjectNode summary() {
        ArrayNode topics = Json.mapper().createArrayNode();
        try (DeadLetters deadLetters = new DeadLetters(config, message -> {})) {
            for (DeadLetters.TopicSummary summary : deadLetters.list()) {
                ObjectNode topic = topics.addObject().put("topic", summary.topic()).put("total", summary.total())
                        .put("pending", summary.pending())
                        .put("oldest", summary.oldest() == null ? null : summary.oldest().toString())
                        .put("newest", summary.newest() == null ? null : summary.newest().toString());
                topic.set("pending_by_reason", Json.mapper().valueToTree(summary.pendingByStageAndReason()));
                ObjectNode filters = topic.putObject("reason_filters");
                summary.pendingByStageAndReason().keySet().forEach(kind -> filters.put(kind, ReasonFilter.of(kind)));
            }
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set("topics", topics);
        return answer;
    }

    ObjectNode show(Selection selection) {
        try (DeadLetters deadLetters = new DeadLetters(config, message -> {})) {
            Map<String, String> states = deadLetters.states();
            List<DeadLetterRecord> selected = select(deadLetters, selection, states);
            ObjectNode answer = Json.mapper().createObjectNode().put("matching", selected.size());
            ArrayNode records = answer.putArray("dead_letters");
            selected.stream().limit(MAX_SHOWN).forEach(deadLetter -> records.add(DeadLetters.archiveLineOf(deadLetter)
                    .put("key", deadLetter.key()).put("reason", deadLetter.reason()).put("stage", deadLetter.stage())
                    .put("state", states.getOrDefault(deadLetter.key(), "pending"))));
            return answer;
        }
    }

    ObjectNode replay(Selection selection, boolean dryRun) throws InterruptedException, ExecutionException {
        List<String> said = new ArrayList<>();
        try (DeadLetters deadLetters = new DeadLetters(config, said::add)) {
            List<DeadLetterRecord> selected = someOf(deadLetters, selection);
            DeadLetters.ReplaySummary summary = deadLetters.replay(selected, REPLAY_PER_SECOND, dryRun);
            return Json.mapper().createObjectNode().put("dry_run", dryRun).put("selected", selected.size())
                    .put("replayed", summary.replayed()).put("skipped", summary.skipped())
                    .set("said", Json.mapper().valueToTree(said.stream().limit(MAX_SHOWN).toList()));
        }
    }

    ObjectNode archive(Selection selection) throws IOException, InterruptedException, ExecutionException {
        try (DeadLetters deadLetters = new DeadLetters(config, message -> {})) {
            List<DeadLetterRecord> selected = someOf(deadLetters, selection);
            Path directory = Files.createDirectories(Path.of(config.console().archiveDir()));
            Path file = directory.resolve("dead-letters-" + Instant.now().toString().replace(':', '-') + ".ndjson.gz");
            int archived = deadLetters.archive(selected, file);
            return Json.mapper().createObjectNode().put("archived", archived).put("file", file.toAbsolutePath().toString());
        }
    }

    private List<DeadLetterRecord> someOf(DeadLetters deadLetters, Selection selection) {
        List<DeadLetterRecord> selected = select(deadLetters, selection, deadLetters.states());
        if (selected.isEmpty()) {
            throw new BadRequest(409, "keys", "no pending dead letter matches: it may have been replayed or archived already");
        }
        return selected;
    }

    private List<DeadLetterRecord> select(DeadLetters deadLetters, Selection selection, Map<String, String> states) {
        List<String> topics = List.of(config.kafka().topics().rawDlq(), config.kafka().topics().parsedDlq());
        if (selection.topic() != null && !topics.contains(selection.topic())) {
            throw new BadRequest("topic", "not a dead-letter topic; one of " + String.join(", ", topics));
        }
        return deadLetters.select(selection.topic(), selection.filter(), states).stream()
                .filter(deadLetter -> selection.keys().isEmpty() || selection.keys().contains(deadLetter.key()))
                .toList();
    }
}
