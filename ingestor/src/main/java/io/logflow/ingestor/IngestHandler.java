package io.logflow.ingestor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.javalin.http.Context;
import io.logflow.core.json.Json;
import io.logflow.core.http.JsonResponse;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.log.ValidationError;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ingest API's batch input, {@code POST /logs}: what {@link SingleLogRequest} does for
 * one log, for many, log by log. A record's value is the log exactly as sent.
 */
final class IngestHandler {

    private final LogAcceptor acceptor;
    private final IngestorMetrics metrics;
    private final int retryAfterSeconds;
    private final RequestGate gate;
    private final RequestMemory memory;
    private final int batchMaxLogs;
    private final int batchMaxBytes;

    IngestHandler(LogAcceptor acceptor, IngestorMetrics metrics, int retryAfterSeconds, RequestGate gate,
                  RequestMemory memory, int batchMaxLogs, int batchMaxBytes) {
        this.gate = gate;
        this.memory = memory;
        this.batchMaxLogs = batchMaxLogs;
        this.batchMaxBytes = batchMaxBytes;
        this.acceptor = acceptor;
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * {@code POST /logs}: NDJSON or a JSON array of logs, gzip allowed. Each log is judged
     * on its own by the {@code /log} rules; the valid ones are accepted even when others
     * are not, and the answer says what became of each, by position.
     */
    void ingestBatch(Context ctx) {
        correlate(ctx);
        if (!gate.enter()) {
            unavailable(ctx, "the ingestor is shutting down");
            return;
        }
        try (RequestMemory.Lease lease = memory.lease()) {
            readBody(ctx, batchMaxBytes, lease).ifPresent(body -> validateAndPublishBatch(ctx, body));
        } finally {
            gate.exit();
        }
    }

    private void validateAndPublishBatch(Context ctx, byte[] body) {
        List<byte[]> logs;
        try {
            logs = LogBatch.split(body);
        } catch (LogBatch.MalformedBatchException e) {
            reject(ctx, 400, List.of(new ValidationError("json", e.getMessage())), 0);
            return;
        }
        metrics.received("logs", logs.size());
        metrics.batchSizes.record(logs.size());
        if (logs.isEmpty() || logs.size() > batchMaxLogs) {
            reject(ctx, 400, List.of(new ValidationError("body", logs.isEmpty() ? "the batch holds no log"
                    : "the batch holds " + logs.size() + " logs; the limit is " + batchMaxLogs)), logs.size());
            return;
        }
        BatchResult answer = BatchResult.of(acceptor.accept(logs, clientKeys(body, logs), correlationId(ctx)),
                correlationId(ctx));
        if (answer.accepted() == 0 && answer.unavailable() > 0) {
            ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
            JsonResponse.sendNow(ctx, 503, answer);
        } else {
            JsonResponse.sendNow(ctx, answer.accepted() == 0 ? 400 : 200, answer);
        }
    }

    /** Per log, the key of the {@code id} its client gave it, else null; null when no log has one. */
    private static List<String> clientKeys(byte[] body, List<byte[]> logs) {
        if (!contains(body, CLIENT_ID_FIELD)) {
            return null; // the usual case: no log names itself, and none is copied out of the body to look
        }
        List<String> keys = null;
        for (int position = 0; position < logs.size(); position++) {
            byte[] log = logs.get(position);
            if (!contains(log, CLIENT_ID_FIELD)) {
                continue; // none is parsed twice
            }
            JsonNode id = readQuietly(log).path("id");
            if ((id.isTextual() || id.isIntegralNumber()) && !id.asText().isEmpty()
                    && id.asText().length() <= ClientKey.MAX_NAME_CHARACTERS) {
                if (keys == null) {
                    keys = new ArrayList<>(java.util.Collections.nCopies(logs.size(), (String) null));
                }
                keys.set(position, ClientKey.forApi(serviceOf(log), id.asText()));
            }
        }
        return keys;
    }

    private static final byte[] CLIENT_ID_FIELD = "\"id\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static String serviceOf(byte[] log) {
        return readQuietly(log).path("service").asText("");
    }

    private static JsonNode readQuietly(byte[] log) {
        try {
            JsonNode node = Json.mapper().readTree(log);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** The body, or empty after answering the request's problem (content type, size, timeout, gzip). */
    private Optional<byte[]> readBody(Context ctx, int limit, RequestMemory.Lease lease) {
        int logs = 0; // not known before the body is read
        if (!JsonContentType.accepts(ctx.contentType())) {
            RequestBody.discardAtMost(ctx, limit);
            reject(ctx, 415, List.of(JsonContentType.refusal(ctx.contentType(), true)), logs);
            return Optional.empty();
        }
        try {
            Optional<byte[]> body = RequestBody.readAtMost(ctx, limit, lease, 1); // its logs are copied out a slice at a time
            body.ifPresent(bytes -> metrics.requestBytes.record(bytes.length));
            if (body.isEmpty()) {
                reject(ctx, 400, List.of(new ValidationError("body",
                        "request body exceeds the limit of " + limit + " bytes")), logs);
            }
            return body;
        } catch (RequestMemory.Exhausted e) {
            refuse(ctx, e);
        } catch (ZipException | EOFException e) {
            reject(ctx, 400, List.of(new ValidationError("body", "the gzip body is corrupt: " + e.getMessage())), logs);
        } catch (IOException e) {
            reject(ctx, 408, List.of(new ValidationError("body", "the request body did not arrive: " + e.getMessage())), logs);
        }
        return Optional.empty();
    }

    record Rejection(String error, List<ValidationError> validationErrors, String correlationId) {}

    record Unavailable(String error, int retryAfterSeconds, String correlationId) {}

    /** The request's correlation id, chosen once and echoed in the X-Request-ID response header. */
    static void correlate(Context ctx) {
        String id = CorrelationId.choose(ctx.header("X-Request-ID"), ctx.header("X-Correlation-ID"),
                ctx.header("traceparent"));
        ctx.attribute(CorrelationId.HEADER, id);
        ctx.header("X-Request-ID", id);
    }

    static String correlationId(Context ctx) {
        return ctx.attribute(CorrelationId.HEADER);
    }

    private void unavailable(Context ctx, String reason) {
        unavailable(ctx, 503, reason);
    }

    private void unavailable(Context ctx, int status, String reason) {
        ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
        JsonResponse.sendNow(ctx, status, new Unavailable("log not accepted: " + reason, retryAfterSeconds,
                correlationId(ctx)));
    }

    /** 429 while other requests hold the ingestor's request memory; 413 when this one alone needs more. */
    private void refuse(Context ctx, RequestMemory.Exhausted e) {
        RequestBody.discardAtMost(ctx, batchMaxBytes);
        if (e.alone()) {
            reject(ctx, 413, List.of(new ValidationError("body", e.getMessage())), 0);
        } else {
            unavailable(ctx, 429, e.getMessage());
        }
    }

    private void reject(Context ctx, int status, List<ValidationError> errors, int logs) {
        metrics.invalid.increment(logs);
        JsonResponse.sendNow(ctx, status, new Rejection("validation failed", errors, correlationId(ctx)));
    }
}
