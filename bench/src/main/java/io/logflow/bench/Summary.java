package io.logflow.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The end of a run: the raw figures as JSON, and a table of them against the targets. */
final class Summary {

    static final String LOGFLOW_PER_LOG = "durable buffer (Kafka, acks=all); ids from the raw record (a retry "
            + "stores nothing twice); a checked, normalised document";

    private final Map<String, Object> figures;

    private Summary(Map<String, Object> figures) {
        this.figures = figures;
    }

    static void write(Map<String, Object> figures, Path out) throws IOException {
        figures.put("machine", Map.of(
                "cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"),
                "date", Instant.now().toString()));
        figures.put("logflow_per_log", LOGFLOW_PER_LOG);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ObjectNode json = Json.mapper().valueToTree(figures);
        Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        Summary summary = new Summary(figures);
        summary.cases();
        summary.peers();
        System.out.println("raw figures: " + out + "  (ratios use the limit measured in this run: "
                + readable(figures.get("elasticsearch_bulk_docs_per_s")) + " docs/s)");
    }

    private void cases() {
        System.out.println();
        System.out.println("LogFlow benchmark (" + Runtime.getRuntime().availableProcessors() + " cores; "
                + figures.get("door") + ")");
        row("(a) Elasticsearch _bulk, explicit ids (the limit)", get("elasticsearch_bulk_docs_per_s") + " docs/s",
                "mean of " + get("elasticsearch_bulk_docs_per_s_before_and_after_c") + ", before and after (c)");
        row("(b) Kafka producer, acks=all", get("kafka_producer_records_per_s") + " records/s", "");
        row("(c) LogFlow, POST /logs batches, until searchable", get("logflow_batch_logs_per_s") + " logs/s",
                "c/a = " + get("ratio_batch_to_bulk_limit") + " (target >= 0.5)");
        row("    LogFlow's CPU per log: 3 stages + Kafka", get("logflow_cpu_us_per_log_c") + " µs",
                "(target <= 30 µs) µs per log: " + get("cpu_us_per_log_during_c"));
        row("    of which the JVMs' JIT compilers", "", "µs per log: " + get("compiler_cpu_us_per_log_during_c"));
        row("    the two cores during (c), percent", "", get("cores_percent_during_c"));
        row("(h) LogFlow, _bulk of 1,000 documents, until searchable", get("logflow_bulk_logs_per_s") + " logs/s",
                "h/c = " + get("ratio_bulk_to_batch") + " (target >= 0.9); " + get("logflow_cpu_us_per_log_h") + " µs/log");
        row("(i) LogFlow, OTLP protobuf of 1,000, until searchable", get("logflow_otlp_logs_per_s") + " logs/s",
                "i/c = " + get("ratio_otlp_to_batch") + " (target >= 0.9); " + get("logflow_cpu_us_per_log_i") + " µs/log");
        row("(d) LogFlow, POST /log, until searchable (" + get("single_client") + ")",
                get("logflow_single_logs_per_s") + " logs/s", "(target >= 12,000 logs/s)");
        row("    the ingestor's CPU per POST /log", get("ingestor_cpu_us_per_post_d") + " µs",
                "(target <= 35 µs) CPU s in (d): " + get("cpu_seconds_during_d"));
        row("(e) ingest-to-searchable at half rate, p50 / p99",
                get("latency_p50_ms") + " / " + get("latency_p99_ms") + " ms", "(target p99 <= 2,000 ms)");
        row("(f) peak RSS per stage", get("peak_rss_mb") + " MB", "(target <= 200 MB each)");
        if (figures.get("lone_ingestor") instanceof Map<?, ?> lone) {
            row("(j) lone ingestor: core 0; Kafka, ES, wrk: 1", readable(lone.get("accepted_logs_per_s")) + " logs/s",
                    "(target >= 25,000 logs/s); " + readable(lone.get("failed_requests")) + " failed requests");
            row("    its CPU per POST /log", readable(lone.get("cpu_us_per_post")) + " µs", "(target <= 35 µs); cores allowed: "
                    + readable(lone.get("cores_allowed")));
        } else if (figures.containsKey("lone_ingestor_failed")) {
            row("(j) lone ingestor", "failed", get("lone_ingestor_failed"));
        }
    }

    /** LogFlow (c) against each peer: the same logs into the same Elasticsearch. */
    private void peers() {
        if (!(figures.get("peers") instanceof Map<?, ?> peers)) {
            return;
        }
        System.out.println();
        System.out.println("LogFlow vs peers (same logs, same Elasticsearch; CPU from /proc in each one's window)");
        System.out.printf("  %-12s %10s %12s %12s %8s  %s%n", "", "logs/s", "CPU µs/log", "ES µs/log", "c/peer",
                "what it does per log");
        System.out.printf("  %-12s %10s %12s %12s %8s  %s%n", "LogFlow (c)", get("logflow_batch_logs_per_s"),
                get("logflow_cpu_us_per_log_c"), get("elasticsearch_cpu_us_per_log_c"), "", LOGFLOW_PER_LOG);
        peers.forEach((name, value) -> {
            Map<?, ?> peer = (Map<?, ?>) value;
            System.out.printf("  %-12s %10s %12s %12s %8s  %s%n", name, readable(peer.get("docs_per_s")), readable(peer.get("cpu_us_per_log")),
                    readable(peer.get("elasticsearch_cpu_us_per_log")), readable(peer.get("ratio_batch_to_peer")), readable(peer.get("per_log")));
        });
        System.out.println("  (target: LogFlow (c) / rsyslog >= 0.5; LogFlow's CPU is its 3 stages + Kafka)");
    }

    /** A figure as printed: numbers with thousands separators, whole ones without decimals. */
    private String get(String figure) {
        return readable(figures.get(figure));
    }

    private static String readable(Object value) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Math.abs(d) >= 100 ? String.format("%,.0f", d)
                    : String.format("%.2f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Summary::readable).collect(Collectors.joining(" / "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(each -> each.getKey() + " " + readable(each.getValue()))
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    private static void row(String what, String value, String note) {
        System.out.printf("  %-56s %-26s %s%n", what, value, note);
    }
}
