package io.logflow.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.logflow.core.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a JSON body with a status; every LogFlow answer, error or not, is JSON. */
public final class JsonResponse {

    private static final Logger log = LoggerFactory.getLogger(JsonResponse.class);

    private JsonResponse() {}

    public static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(json(body));
    }

    /**
     * Writes the answer before returning, instead of leaving it to Javalin after the
     * handler: a stage draining on SIGTERM waits for its handlers, so when a handler
     * ends its answer must already be on its way to the client.
     */
    public static void sendNow(Context ctx, int status, Object body) {
        byte[] json = json(body);
        ctx.status(status).contentType("application/json");
        HttpServletResponse response = ctx.res();
        response.setContentLength(json.length);
        try {
            response.getOutputStream().write(json);
            response.flushBuffer();
        } catch (IOException clientGone) {
            log.atInfo().addKeyValue("status", status).addKeyValue("reason", clientGone.getMessage())
                    .log("the client went away before its answer was written");
        }
    }

    /**
     * The same on Jetty's own API, for a handler in front of Javalin: nothing waits for the
     * write, {@code written} hears when it is done.
     */
    public static void send(Response response, int status, Object body, Callback written) {
        byte[] json = json(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), written);
    }

    public static void error(Context ctx, int status, String error) {
        send(ctx, status, Map.of("error", error));
    }

    private static byte[] json(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies are plain maps and records", e);
        }
    }
}
