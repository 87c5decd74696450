package io.logflow.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.logflow.core.json.Json;
import java.util.Map;

/** Writes a JSON body with a status; every LogFlow answer, error or not, is JSON. */
public final class JsonResponse {

    private JsonResponse() {}

    public static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies are plain maps and records", e);
        }
    }

    public static void error(Context ctx, int status, String error) {
        send(ctx, status, Map.of("error", error));
    }
}
