package io.logflow.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.logflow.core.json.Json;
import java.time.Duration;
import java.util.List;

/**
 * The alert rules of {@code deploy/monitoring/alerts.yml} as the pipeline page judges them:
 * their metrics, threshold, window and hold time, written once here and fetched by the page
 * ({@code GET /api/alert-rules}). {@code AlertRulesTest} fails when the rules file says otherwise. The page
 * holds the samples of the last 15 minutes, enough for the longest window plus hold.
 */
final class AlertRules {

    /**
     * One rule: its {@code metrics}, the number its expression compares with, the range of its
     * {@code increase}/{@code rate}/{@code deriv} ({@link Duration#ZERO} when none) and its {@code for}.
     */
    record Alert(String name, List<String> metrics, double threshold, Duration window, Duration holdFor) {}

    /** Rules of the file the page does not judge, and why. */
    static final List<String> NOT_JUDGED = List.of(
            "LogFlowIngestLatencyHigh"); // a p99 of histogram buckets: the page does not poll buckets

    static final List<Alert> JUDGED = List.of(
            new Alert("LogFlowStageDown", List.of("up"), 0, Duration.ZERO, Duration.ofMinutes(1)),
            new Alert("LogFlowDeadLetters", List.of("parser_logs_failed_total", "storage_writer_logs_failed_total"),
                    0, Duration.ofMinutes(10), Duration.ZERO),
            // the page reads the lag from Kafka (committed offsets) rather than the consumer's own gauge
            new Alert("LogFlowConsumerLagGrowing", List.of("kafka_consumer_fetch_manager_records_lag_max"),
                    10_000, Duration.ofMinutes(5), Duration.ofMinutes(10)),
            new Alert("LogFlowWriterPaused", List.of("storage_writer_paused"), 1, Duration.ZERO, Duration.ofMinutes(5)),
            new Alert("LogFlowBulkRetries", List.of("storage_writer_bulk_retries_total"),
                    50, Duration.ofMinutes(10), Duration.ZERO),
            new Alert("LogFlowIngestorRejectingForKafka",
                    List.of("ingestor_kafka_failures_total", "ingestor_logs_received_total"),
                    0.01, Duration.ofMinutes(5), Duration.ofMinutes(5)),
            new Alert("LogFlowIngestorRefusingForMemory", List.of("ingestor_memory_refusals_total"),
                    0.1, Duration.ofMinutes(5), Duration.ofMinutes(10)));

    private AlertRules() {}

    static ArrayNode asJson() {
        ArrayNode rules = Json.mapper().createArrayNode();
        for (Alert alert : JUDGED) {
            var rule = rules.addObject().put("name", alert.name()).put("threshold", alert.threshold())
                    .put("window_seconds", alert.window().toSeconds()).put("for_seconds", alert.holdFor().toSeconds());
            alert.metrics().forEach(rule.putArray("metrics")::add);
        }
        return rules;
    }
}
