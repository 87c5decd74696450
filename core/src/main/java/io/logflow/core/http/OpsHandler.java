package io.logflow.core.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /health} (the process is alive), {@code /ready} (it can reach what it needs) and
 * {@code /metrics} (Prometheus text) on Jetty's own API, in front of whatever else a stage
 * serves. Alone (the parser, the storage writer) it answers anything else with a JSON 404:
 * those stages then load no servlet layer and no web framework.
 */
final class OpsHandler extends Handler.Wrapper {

    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;

    OpsHandler(PrometheusMeterRegistry registry, Readiness readiness) {
        this.registry = registry;
        this.readiness = readiness;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean ops = path.equals("/health") || path.equals("/ready") || path.equals("/metrics");
        if (ops && !HttpMethod.GET.is(request.getMethod())) {
            JsonResponse.send(response, 405, Map.of("error", "method " + request.getMethod() + " not allowed on " + path),
                    callback);
            return true;
        }
        switch (path) {
            case "/health" -> JsonResponse.send(response, 200, Map.of("status", "ok"), callback);
            case "/ready" -> readiness.notReadyReason().ifPresentOrElse(
                    reason -> JsonResponse.send(response, 503, new NotReady("not ready", reason), callback),
                    () -> JsonResponse.send(response, 200, Map.of("status", "ready"), callback));
            case "/metrics" -> {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                response.write(true, ByteBuffer.wrap(registry.scrape().getBytes(StandardCharsets.UTF_8)), callback);
            }
            default -> {
                Handler next = getHandler();
                if (next != null) {
                    return next.handle(request, response, callback);
                }
                JsonResponse.send(response, 404, Map.of("error", "no such endpoint: " + path), callback);
            }
        }
        return true;
    }

    record NotReady(String status, String reason) {}
}
