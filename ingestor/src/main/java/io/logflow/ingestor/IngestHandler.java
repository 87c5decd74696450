package io.logflow.ingestor;

import io.javalin.http.Context;
import io.logflow.core.http.JsonResponse;
import io.logflow.core.log.LogValidator;
import io.logflow.core.log.ValidationError;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /log}: one JSON log in, validated, handed to Kafka; 200 with the record's
 * partition and offset only once Kafka acknowledged it, 400 naming every problem, 503
 * with Retry-After when Kafka does not take it in time. The record's value is the body
 * exactly as sent.
 */
final class IngestHandler {

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    private final LogValidator validator;
    private final RawLogPublisher publisher;
    private final IngestorMetrics metrics;
    private final int retryAfterSeconds;
    private final RequestGate gate;

    IngestHandler(LogValidator validator, RawLogPublisher publisher, IngestorMetrics metrics, int retryAfterSeconds,
                  RequestGate gate) {
        this.gate = gate;
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    void ingest(Context ctx) {
        metrics.received.increment();
        if (!gate.enter()) {
            unavailable(ctx, "the ingestor is shutting down");
            return;
        }
        try {
            validateAndPublish(ctx);
        } finally {
            gate.exit();
        }
    }

    private void validateAndPublish(Context ctx) {
        if (!isJson(ctx.contentType())) {
            reject(ctx, 415, List.of(new ValidationError("content_type",
                    "Content-Type must be application/json, not " + Optional.ofNullable(ctx.contentType()).orElse("missing"))));
            return;
        }
        Optional<byte[]> body;
        try {
            body = RequestBody.readAtMost(ctx, validator.maxBodyBytes());
        } catch (IOException e) {
            reject(ctx, 408, List.of(new ValidationError("body", "the request body did not arrive: " + e.getMessage())));
            return;
        }
        if (body.isEmpty()) {
            reject(ctx, 400, List.of(new ValidationError("body",
                    "request body exceeds the limit of " + validator.maxBodyBytes() + " bytes")));
            return;
        }
        List<ValidationError> errors = validator.validate(body.get());
        if (!errors.isEmpty()) {
            reject(ctx, 400, errors);
            return;
        }
        try {
            RecordMetadata record = publisher.publish(body.get());
            metrics.sent.increment();
            JsonResponse.send(ctx, 200,
                    new Accepted("log received and validated successfully", record.partition(), record.offset()));
        } catch (KafkaUnavailableException e) {
            metrics.kafkaFailures.increment();
            log.atWarn().addKeyValue("reason", e.getMessage()).log("answering 503: Kafka did not take the log");
            unavailable(ctx, e.getMessage());
        }
    }

    private void unavailable(Context ctx, String reason) {
        ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
        JsonResponse.send(ctx, 503, new Unavailable("log not accepted: " + reason, retryAfterSeconds));
    }

    record Accepted(String message, int partition, long offset) {}

    record Rejection(String error, List<ValidationError> validationErrors) {}

    record Unavailable(String error, int retryAfterSeconds) {}

    private void reject(Context ctx, int status, List<ValidationError> errors) {
        metrics.invalid.increment();
        JsonResponse.send(ctx, status, new Rejection("validation failed", errors));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }
}
