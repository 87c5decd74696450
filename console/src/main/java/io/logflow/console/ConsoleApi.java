package io.logflow.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.logflow.audit.PipelineAudit;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.http.JsonResponse;
import io.logflow.core.json.Json;
import io.logflow.core.kafka.KafkaAccessRefusedException;
import io.logflow.core.kafka.KafkaUnreachableException;
import io.logflow.dlq.DeadLetterToolException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The console's routes: its page, and the JSON API the page calls. */
final class ConsoleApi {

    private final LogFlowConfig config;
    private final ConsoleAccess access;
    private final StoredLogs logs;
    private final LiveTail tail;
    private final LogTrail trail;
    private final DeadLetterDesk deadLetters;
    private final PipelineStatus pipeline;

    ConsoleApi(LogFlowConfig config, ConsoleAccess access, StoredLogs logs, PipelineStatus pipeline) {
        this.config = config;
        this.access = access;
        this.logs = logs;
        this.tail = new LiveTail(logs, config.console().tailMaxPerSecond());
        this.trail = new LogTrail(config, logs);
        this.deadLetters = new DeadLetterDesk(config);
        this.pipeline = pipeline;
    }

    void register(RoutesConfig routes) {
        StaticPage.register(routes);
        routes.before("/api/*", access::guard);
        routes.get("/api/session", this::session);
        routes.post("/api/login", ctx -> JsonResponse.send(ctx, 200, Map.of("key_id", access.logIn(ctx))));
        routes.post("/api/logout", ctx -> {
            access.logOut(ctx);
            JsonResponse.send(ctx, 200, Map.of("signed_in", false));
        });
        routes.get("/api/search", ctx -> JsonResponse.send(ctx, 200, logs.search(
                LogQuery.from(ctx.queryParamMap(), Instant.now(), config.console().maxRangeDays()))));
        routes.get("/api/tail", ctx -> tail.stream(ctx.res(), LogQuery.forTail(ctx.queryParamMap())));
        routes.get("/api/trail", ctx -> JsonResponse.send(ctx, 200,
                trail.follow(ctx.queryParam("correlation_id"), instant(ctx, "at"))));
        routes.get("/api/pipeline", ctx -> JsonResponse.send(ctx, 200, pipeline.look()));
        routes.get("/api/alert-rules", ctx -> JsonResponse.send(ctx, 200, AlertRules.asJson()));
        routes.get("/api/dead-letters", ctx -> JsonResponse.send(ctx, 200, deadLetters.summary()));
        routes.get("/api/dead-letters/records", ctx -> JsonResponse.send(ctx, 200,
                deadLetters.show(DeadLetterDesk.Selection.of(ctx.queryParamMap()))));
        routes.post("/api/dead-letters/replay", ctx -> {
            JsonNode body = body(ctx);
            JsonResponse.send(ctx, 200, deadLetters.replay(DeadLetterDesk.Selection.of(body),
                    body.path("dry_run").asBoolean(true)));
        });
        routes.post("/api/dead-letters/archive", ctx -> JsonResponse.send(ctx, 200,
                deadLetters.archive(DeadLetterDesk.Selection.of(body(ctx)))));
        routes.get("/api/audit", ctx -> JsonResponse.send(ctx, 200, new PipelineAudit(config, message -> {})
                .run(instant(ctx, "since"), instant(ctx, "until"))));
        routes.exception(BadRequest.class, (e, ctx) -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.getMessage());
            error.put("field", e.field());
            JsonResponse.send(ctx, e.status(), error);
        });
        routes.exception(StoredLogs.StoreUnavailable.class, (e, ctx) -> JsonResponse.error(ctx, 503, e.getMessage()));
        routes.exception(KafkaUnreachableException.class, (e, ctx) -> JsonResponse.error(ctx, 503, e.getMessage()));
        routes.exception(KafkaAccessRefusedException.class, (e, ctx) -> JsonResponse.error(ctx, 503, e.getMessage()));
        routes.exception(DeadLetterToolException.class, (e, ctx) -> JsonResponse.error(ctx, 503, e.getMessage()));
    }

    private void session(Context ctx) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("required", access.required());
        var keyId = access.signedIn(ctx);
        session.put("signed_in", !access.required() || keyId.isPresent());
        keyId.ifPresent(id -> session.put("key_id", id));
        if (access.lockedReason() != null) {
            session.put("locked", access.lockedReason());
        }
        session.put("index_pattern", logs.indexPattern());
        JsonResponse.send(ctx, 200, session);
    }

    private static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name, "'" + name + "' is not an instant such as 2026-11-28T08:00:00Z");
        }
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode body = Json.mapper().readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw new BadRequest("json", "the body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new BadRequest("json", "the body is not JSON: " + e.getMessage());
        }
    }
}
