package io.logflow.ingestor;

import io.logflow.core.http.JsonResponse;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.log.ValidationError;
import io.logflow.ingestor.door.ApiKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code POST /log}: one JSON log in, validated, handed to Kafka; 200 with the record's
 * partition and offset only once Kafka acknowledged it, 400 naming every problem, 415 for
 * a body that is not JSON, 408 for one that does not arrive, 503 with Retry-After when
 * Kafka does not take it in time, 429 with Retry-After when the batches hold the request
 * memory (its body counts in it until handed to Kafka). No thread waits: the body is read
 * as it arrives and the answer written when Kafka's acknowledgement (or the deadline) comes.
 */
final class SingleLogRequest implements ArrivingBody.Reader {

    private static final Logger log = LoggerFactory.getLogger(SingleLogRequest.class);

    record Accepted(String message, int partition, long offset, String correlationId) {}

    private final SingleLogInput input;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ApiKey key;
    private String correlationId;
    private boolean inside;
    private RequestMemory.Lease memory;

    /** @param key the API key the request was admitted with; null without keys */
    SingleLogRequest(SingleLogInput input, Request request, Response response, Callback callback, ApiKey key) {
        this.input = input;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.key = key;
    }

    void take() {
        HttpFields headers = request.getHeaders();
        correlationId = CorrelationId.choose(headers.get("X-Request-ID"), headers.get("X-Correlation-ID"),
                headers.get("traceparent"));
        response.getHeaders().put("X-Request-ID", correlationId);
        input.metrics.received("log", 1);
        inside = input.gate.enter();
        if (!inside) {
            unavailable(503, "the ingestor is shutting down");
            return;
        }
        String contentType = headers.get(HttpHeader.CONTENT_TYPE);
        if (!JsonContentType.accepts(contentType)) {
            ArrivingBody.drop(request, input.validator.maxBodyBytes(),
                    () -> reject(415, List.of(JsonContentType.refusal(contentType, false))));
            return;
        }
        int limit = input.validator.maxBodyBytes();
        memory = input.memory.lease();
        try {
            memory.reserve(ArrivingBody.mostHeld(request, limit));
        } catch (RequestMemory.Exhausted e) {
            ArrivingBody.drop(request, limit, () -> refuse(e));
            return;
        }
        ArrivingBody.read(request, limit, this);
    }

    /** 429 while the batches hold the ingestor's request memory; 413 if it is configured under one body. */
    private void refuse(RequestMemory.Exhausted e) {
        if (e.alone()) {
            reject(413, List.of(new ValidationError("body", e.getMessage())));
        } else {
            unavailable(429, e.getMessage());
        }
    }

    @Override
    public void refused(int status, String problem) {
        reject(status, List.of(new ValidationError("body", problem)));
    }

    @Override
    public void arrived(byte[] body) {
        try {
            publish(body);
        } catch (RuntimeException e) {
            // as Javalin's exception mapper: no request is left without an answer, nor inside the gate
            log.atError().setCause(e).addKeyValue("path", "/log").log("request failed unexpectedly");
            send(500, Map.of("error", "internal error: " + e.getClass().getSimpleName()));
        }
    }

    private void publish(byte[] body) {
        input.metrics.requestBytes.record(body.length);
        List<ValidationError> errors = IngestDoor.judge(input.validator, body, key);
        String idempotencyKey = request.getHeaders().get("Idempotency-Key");
        if (idempotencyKey != null && (idempotencyKey.isBlank()
                || idempotencyKey.length() > ClientKey.MAX_NAME_CHARACTERS)) {
            errors = new ArrayList<>(errors);
            errors.add(new ValidationError("idempotency_key", "the Idempotency-Key header must hold 1 to "
                    + ClientKey.MAX_NAME_CHARACTERS + " characters"));
        }
        if (!errors.isEmpty()) {
            reject(400, errors);
            return;
        }
        String clientKey = idempotencyKey == null ? null
                : ClientKey.forApi(IngestHandler.serviceOf(body), idempotencyKey);
        CompletableFuture<RawLogPublisher.Outcome> outcome = input.publisher.publishOne(body, clientKey, correlationId,
                key == null ? null : key.id());
        memory.close(); // the producer holds its own copy now, within its own bound
        outcome.thenAccept(this::answer);
    }

    private void answer(RawLogPublisher.Outcome outcome) {
        if (outcome.published()) {
            input.metrics.sent.increment();
            send(200, new Accepted("log received and validated successfully", outcome.record().partition(),
                    outcome.record().offset(), correlationId));
            return;
        }
        input.metrics.kafkaFailures.increment();
        log.atWarn().addKeyValue("reason", outcome.failure()).addKeyValue(CorrelationId.HEADER, correlationId)
                .log("answering 503: Kafka did not take the log");
        unavailable(503, outcome.failure());
    }

    private void unavailable(int status, String reason) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(input.retryAfterSeconds));
        send(status, new IngestHandler.Unavailable("log not accepted: " + reason, input.retryAfterSeconds,
                correlationId));
    }

    private void reject(int status, List<ValidationError> errors) {
        input.metrics.invalid.increment();
        send(status, new IngestHandler.Rejection("validation failed", errors, correlationId));
    }

    /** Writes the answer; the request leaves the gate once it is written, so a drain waits for it. */
    private void send(int status, Object body) {
        if (memory != null) {
            memory.close();
        }
        JsonResponse.send(response, status, body, Callback.from(() -> {
            leave();
            callback.succeeded();
        }, failure -> {
            leave();
            callback.failed(failure);
        }));
    }

    private void leave() {
        if (inside) {
            input.gate.exit();
        }
    }
}
