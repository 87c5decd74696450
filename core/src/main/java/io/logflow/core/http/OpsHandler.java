package io.logflow.core.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
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

    private static final Set<String> PATHS = Set.of("/health", "/ready", "/metrics");

    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;

    OpsHandler(PrometheusMeterRegistry registry, Readiness readiness) {
        this.registry = registry;
        this.readiness = readiness;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!PATHS.contains(path)) {
            Handler next = getHandler();
            if (next != null) {
                return next.handle(request, response, callback);
            }
            JsonResponse.send(response, 404, Map.of("error", "no such endpoint: " + path), callback);
        } else if (!HttpMethod.GET.is(request.getMethod())) {
            JsonResponse.send(response, 405, Map.of("error", "method " + request.getMethod() + " not allowed on " + path),
                    callback);
        } else if (path.equals("/health")) {
            JsonResponse.send(response, 200, Map.of("status", "ok"), callback);
        } else if (path.equals("/ready")) {
            readiness.notReadyReason().ifPresentOrElse(
                    reason -> JsonResponse.send(response, 503, new NotReady("not ready", reason), callback),
                    () -> JsonResponse.send(response, 200, Map.of("status", "ready"), callback));
        } else {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            response.write(true, ByteBuffer.wrap(registry.scrape().getBytes(StandardCharsets.UTF_8)), callback);
        }
        return true;
    }

    record NotReady(String status, String reason) {}
}
