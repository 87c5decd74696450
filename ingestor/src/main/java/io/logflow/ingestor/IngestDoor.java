package io.logflow.ingestor;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.logflow.core.log.LogService;
import io.logflow.core.log.LogValidator;
import io.logflow.core.log.ValidationError;
import io.logflow.ingestor.door.ApiKey;
import io.logflow.ingestor.door.IngestAuthenticator;
import io.logflow.ingestor.door.IngestAuthenticator.Allowed;
import io.logflow.ingestor.door.IngestAuthenticator.Refused;
import io.logflow.ingestor.elasticsearch.ElasticsearchAnswers;
import io.logflow.ingestor.otlp.OtlpAnswer;
import io.logflow.ingestor.otlp.OtlpEncoding;
import io.logflow.ingestor.otlp.OtlpRoute;
import io.logflow.core.http.JsonResponse;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The door every ingest route goes through: with API keys configured, a request without
 * a valid one is answered {@code 401} (or {@code 429} over its key's rate) in its
 * input's own shape — LogFlow's JSON, Elasticsearch's error, OTLP's {@code Status} —
 * before any of its logs is read; an admitted request's handler runs knowing its key's
 * id, which {@link RawLogPublisher} puts on every record as a Kafka header.
 *
 * <p>The id travels in a thread-local rather than through every input's signature: a
 * handler runs on one (virtual) thread from the door to Kafka's hand-off, and the
 * thread-local is set and cleared here only, around that call.
 */
final class IngestDoor {

    /** A refused request's body is read and dropped up to this size; a larger one closes its connection. */
    private static final int REFUSED_BODY_READ_LIMIT = 64 * 1024;

    /** The shape of a refusal. */
    enum Answer { JSON, ELASTICSEARCH, OTLP }

    private static final ThreadLocal<ApiKey> ADMITTED_KEY = new ThreadLocal<>();

    /** The challenges a 401 lists: one per way a key may be given. */
    static final List<String> CHALLENGES = List.of(
        "Bearer realm=\"logflow\"", "ApiKey realm=\"logflow\"", "Basic realm=\"logflow\", charset=\"UTF-8\"");

    private final IngestAuthenticator authenticator;
    private final Map<String, Counter> failures = new HashMap<>();

    /** @param authenticator null: no keys configured, every request is admitted */
    IngestDoor(IngestAuthenticator authenticator, Function<String, Counter> failuresByReason) {
        this.authenticator = authenticator;
        for (String reason : IngestAuthenticator.REASONS) {
            failures.put(reason, failuresByReason.apply(reason));
        }
    }

    /** The id of the key the current request was admitted with; null without keys. */
    static String admittedKey() {
        ApiKey key = ADMITTED_KEY.get();
        return key == null ? null : key.id();
    }

    /**
     * A raw log judged by the {@code /log} rules and, when the request's key may write as
     * some services only, by that too: the one judgement every input's logs go through.
     */
    static List<ValidationError> judge(LogValidator validator, byte[] rawLog) {
        return judge(validator, rawLog, ADMITTED_KEY.get());
    }

    /** The same for a request admitted with {@code key} (null without keys), outside the thread-local. */
    static List<ValidationError> judge(LogValidator validator, byte[] rawLog, ApiKey key) {
        LogValidator.Verdict verdict = validator.verdict(rawLog);
        List<ValidationError> errors = verdict.errors();
        if (key == null || key.services().isEmpty() || !errors.isEmpty()) {
            return errors;
        }
        String named = verdict.service();
        String service = LogService.isMissing(named) ? LogService.UNKNOWN : named;
        return key.services().contains(service) ? errors : List.of(new ValidationError("service",
                "API key '" + key.id() + "' may write as " + String.join(", ", key.services()) + " only, not as "
                        + service));
    }

    Handler guard(Answer answer, Handler handler) {
        if (authenticator == null) {
            return handler;
        }
        return ctx -> {
            switch (authenticator.check(ctx.header("Authorization"))) {
                case Refused refused -> refuse(ctx, answer, refused);
                case Allowed allowed -> {
                    ADMITTED_KEY.set(allowed.key());
                    try {
                        handler.handle(ctx);
                    } finally {
                        ADMITTED_KEY.remove();
                    }
                }
            }
        };
    }

    /**
     * The door for a handler outside Javalin, which carries the admitted key itself: every
     * request is {@link Allowed} (with a null key) when no keys are configured; a refusal
     * is counted here and answered by the caller, e.g. with {@link #refusalBody}.
     */
    IngestAuthenticator.Decision admit(String authorization) {
        if (authenticator == null) {
            return new Allowed(null);
        }
        IngestAuthenticator.Decision decision = authenticator.check(authorization);
        if (decision instanceof Refused refused) {
            failures.get(refused.reason()).increment();
        }
        return decision;
    }

    /** A refusal in LogFlow's JSON. */
    static Map<String, Object> refusalBody(Refused refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refused.message());
        body.put("reason", refused.reason());
        return body;
    }

    private void refuse(Context ctx, Answer answer, Refused refused) {
        failures.get(refused.reason()).increment();
        // the client's keep-alive connection stays usable when its (small) body is read first
        RequestBody.discardAtMost(ctx, REFUSED_BODY_READ_LIMIT);
        if (refused.status() == 401) {
            for (String challenge : CHALLENGES) {
                ctx.res().addHeader("WWW-Authenticate", challenge);
            }
        } else {
            ctx.header("Retry-After", Long.toString(refused.retryAfterSeconds()));
        }
        switch (answer) {
            case JSON -> JsonResponse.send(ctx, refused.status(), refusalBody(refused));
            case ELASTICSEARCH -> ElasticsearchInput.send(ctx, ElasticsearchAnswers.error(refused.status(),
                    refused.status() == 401 ? "security_exception" : "es_rejected_execution_exception",
                    refused.message()));
            case OTLP -> OtlpRoute.send(ctx, OtlpAnswer.failed(
                    OtlpEncoding.of(ctx.contentType()).orElse(OtlpEncoding.JSON), refused.status(), refused.message()));
        }
    }
}
