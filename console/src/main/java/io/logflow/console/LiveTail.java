package io.logflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The newest logs as they become searchable, as server-sent events: once a second the store
 * is asked for what was indexed after the last log sent (by {@code indexed_at}, then id)
 * and at least {@link #SETTLE} ago, at most {@code maxPerSecond} of them. Beyond that the tail falls behind and says so
 * ({@code behind} event) rather than flooding the page.
 */
final class LiveTail {

    static final Duration TICK = Duration.ofSeconds(1);
    /** How long after its {@code indexed_at} a document is surely searchable: its bulk request and a refresh. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final StoredLogs logs;
    private final int maxPerSecond;

    LiveTail(StoredLogs logs, int maxPerSecond) {
        this.logs = logs;
        this.maxPerSecond = maxPerSecond;
    }

    /** Streams until the browser goes away. */
    void stream(HttpServletResponse response, LogQuery query) throws InterruptedException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        List<Object> after = List.of(System.currentTimeMillis(), "");
        try {
            OutputStream out = response.getOutputStream();
            write(out, ": tail of " + logs.indexPattern() + "\n\n");
            while (true) {
                after = step(out, query, after);
                response.flushBuffer();
                Thread.sleep(TICK);
            }
        } catch (IOException browserGone) {
            // the page closed or paused its stream: nothing to clean up
        }
    }

    /** One look at the store; returns where the next one starts. */
    private List<Object> step(OutputStream out, LogQuery query, List<Object> after) throws IOException, InterruptedException {
        List<JsonNode> hits;
        try {
            hits = SearchAnswer.hits(logs.ask(SearchBody.tail(query, after,
                    System.currentTimeMillis() - SETTLE.toMillis(), maxPerSecond)));
        } catch (StoredLogs.StoreUnavailable | BadRequest e) {
            write(out, event("unavailable", Json.mapper().createObjectNode().put("error", e.getMessage())));
            return after;
        }
        for (JsonNode hit : hits) {
            write(out, event("log", hit));
        }
        if (hits.isEmpty()) {
            write(out, ": nothing new\n\n");
            return after;
        }
        if (hits.size() == maxPerSecond) {
            write(out, event("behind", Json.mapper().createObjectNode().put("max_per_second", maxPerSecond)));
        }
        JsonNode last = hits.getLast().path("sort");
        return List.of(last.path(0).asLong(), last.path(1).asText());
    }

    private static String event(String name, JsonNode data) throws IOException {
        return "event: " + name + "\ndata: " + Json.mapper().writeValueAsString(data) + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
