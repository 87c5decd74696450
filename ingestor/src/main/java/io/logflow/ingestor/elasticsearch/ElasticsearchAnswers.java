package io.logflow.ingestor.elasticsearch;

import io.logflow.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Elasticsearch answers to the calls shippers make before and around {@code _bulk},
 * as far as they need to start and keep running, and its error bodies. Pure: method,
 * path and query in; status and body out (every answer is JSON except {@code _cat}'s
 * text, and carries {@link #PRODUCT_HEADER}).
 */
public final class ElasticsearchAnswers {

    /**
     * The Elastic clients (Java 8+, Python 7.14+, Go, JS) refuse a server whose answers
     * lack it ("the client noticed that the server is not Elasticsearch"), and Logstash 8
     * checks it on {@code GET /}.
     */
    public static final String PRODUCT_HEADER = "X-Elastic-Product";
    public static final String PRODUCT = "Elasticsearch";

    /** Paths whose calls manage templates, policies, pipelines, nodes or features: all acknowledged. */
    public static final List<String> ACKNOWLEDGED = List.of(
            "_index_template", "_template", "_component_template", "_ilm", "_ingest", "_nodes", "_xpack",
            "_data_stream", "_alias", "_aliases");

    /** An answer: status, content type and body (empty for HEAD). */
    public record Answer(int status, String contentType, byte[] body) {}

    private final String version;

    public ElasticsearchAnswers(String version) {
        this.version = version;
    }

    /**
     * {@code GET /}: the banner. libbeat compares {@code version.number} with its own
     * (refusing an older major unless {@code allow_older_versions}); the Python client 7.x
     * and Logstash read {@code build_flavor} and must not see {@code serverless}; Vector
     * takes its {@code api_version: auto} from the major.
     */
    public Answer banner() {
        Map<String, Object> versionFields = new LinkedHashMap<>();
        versionFields.put("number", version);
        versionFields.put("build_flavor", "default");
        versionFields.put("build_type", "tar");
        versionFields.put("build_hash", "logflow");
        versionFields.put("build_date", "2025-01-01T00:00:00.000Z");
        versionFields.put("build_snapshot", false);
        versionFields.put("lucene_version", "9.12.0");
        versionFields.put("minimum_wire_compatibility_version", "7.17.0");
        versionFields.put("minimum_index_compatibility_version", "7.0.0");
        Map<String, Object> banner = new LinkedHashMap<>();
        banner.put("name", "logflow");
        banner.put("cluster_name", "logflow");
        banner.put("cluster_uuid", "logflow0000000000000000");
        banner.put("version", versionFields);
        banner.put("tagline", "You Know, for Search");
        return json(200, banner);
    }

    /** {@code GET /_license}: libbeat's licenser needs an active license, and refuses {@code oss}. */
    public Answer license() {
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("status", "active");
        license.put("uid", "00000000-0000-0000-0000-000000000000");
        license.put("type", "basic");
        license.put("issue_date", "2025-01-01T00:00:00.000Z");
        license.put("issue_date_in_millis", 1735689600000L);
        license.put("max_nodes", 1000);
        license.put("issued_to", "logflow");
        license.put("issuer", "elasticsearch");
        license.put("start_date_in_millis", -1);
        return json(200, Map.of("license", license));
    }

    /** {@code GET /_cluster/health}: Vector's and Logstash's health checks look at {@code status}. */
    public Answer clusterHealth() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("cluster_name", "logflow");
        health.put("status", "green");
        health.put("timed_out", false);
        health.put("number_of_nodes", 1);
        health.put("number_of_data_nodes", 1);
        health.put("active_primary_shards", 0);
        health.put("active_shards", 0);
        health.put("relocating_shards", 0);
        health.put("initializing_shards", 0);
        health.put("unassigned_shards", 0);
        health.put("delayed_unassigned_shards", 0);
        health.put("number_of_pending_tasks", 0);
        health.put("number_of_in_flight_fetch", 0);
        health.put("task_max_waiting_in_queue_millis", 0);
        health.put("active_shards_percent_as_number", 100.0);
        return json(200, health);
    }

    /** {@code GET /_cat/health}: text, or JSON with {@code format=json}. */
    public Answer catHealth(boolean asJson, Instant now) {
        long epoch = now.getEpochSecond();
        String time = now.toString().substring(11, 19);
        if (asJson) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", Long.toString(epoch));
            row.put("timestamp", time);
            row.put("cluster", "logflow");
            row.put("status", "green");
            row.put("node.total", "1");
            row.put("node.data", "1");
            return json(200, List.of(row));
        }
        return new Answer(200, "text/plain; charset=UTF-8",
                (epoch + " " + time + " logflow green 1 1 0 0 0 0 0 0 - 100.0%\n").getBytes(StandardCharsets.UTF_8));
    }

    public Answer acknowledged() {
        return json(200, Map.of("acknowledged", true));
    }

    /** Elasticsearch's error body: {@code {"error":{"root_cause":[..],"type":..,"reason":..},"status":..}}. */
    public static Answer error(int status, String type, String reason) {
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("type", type);
        cause.put("reason", reason);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("root_cause", List.of(cause));
        error.putAll(cause);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("status", status);
        return json(status, body);
    }

    static Answer json(int status, Object body) {
        try {
            return new Answer(status, "application/json", Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers are plain maps", e);
        }
    }
}
