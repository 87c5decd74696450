package io.logflow.ingestor;

import io.logflow.core.http.JsonResponse;
import io.logflow.core.log.LogValidator;
import io.logflow.ingestor.door.IngestAuthenticator.Allowed;
import io.logflow.ingestor.door.IngestAuthenticator.Refused;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /log}, the single-log input, on Jetty's own handler API in front of Javalin,
 * which gets every other request: one log per request is the hot path, and the servlet
 * layer and a thread parked per request until Kafka acknowledges cost most of its CPU.
 * The answers are those the rest of the ingest API gives (see {@link SingleLogRequest}).
 */
final class SingleLogInput extends Handler.Wrapper {

    final LogValidator validator;
    final RawLogPublisher publisher;
    final IngestorMetrics metrics;
    final RequestGate gate;
    final RequestMemory memory;
    final int retryAfterSeconds;
    private final IngestDoor door;

    SingleLogInput(LogValidator validator, RawLogPublisher publisher, IngestorMetrics metrics, RequestGate gate,
                   RequestMemory memory, IngestDoor door, int retryAfterSeconds) {
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.gate = gate;
        this.memory = memory;
        this.door = door;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals("/log") && !path.equals("/log/")) {
            return super.handle(request, response, callback);
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            afterTheBody(request, () -> JsonResponse.send(response, 405,
                    Map.of("error", "method " + request.getMethod() + " not allowed on /log"), callback));
            return true;
        }
        switch (door.admit(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            case Refused refused -> afterTheBody(request, () -> refuse(response, refused, callback));
            case Allowed allowed -> new SingleLogRequest(this, request, response, callback, allowed.key()).take();
        }
        return true;
    }

    /** An answer given without the body, after dropping it: its client's keep-alive connection stays usable. */
    private void afterTheBody(Request request, Runnable answer) {
        ArrivingBody.drop(request, validator.maxBodyBytes(), answer);
    }

    private static void refuse(Response response, Refused refused, Callback callback) {
        if (refused.status() == 401) {
            IngestDoor.CHALLENGES.forEach(challenge -> response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, challenge));
        } else {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
        }
        JsonResponse.send(response, refused.status(), IngestDoor.refusalBody(refused), callback);
    }
}
