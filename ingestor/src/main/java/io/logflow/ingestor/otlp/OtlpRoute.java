package io.logflow.ingestor.otlp;

import io.javalin.http.Context;
import io.logflow.core.kafka.CorrelationId;
import io.logflow.ingestor.RequestBody;
import io.logflow.ingestor.RequestGate;
import io.logflow.ingestor.RequestMemory;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v1/logs} on Javalin: the request's parts to {@link OtlpLogsInput}, its answer back. */
public final class OtlpRoute {

    private static final Logger log = LoggerFactory.getLogger(OtlpRoute.class);

    private final OtlpLogsInput input;
    private final RequestGate gate;
    private final RequestMemory memory;
    private final int maxBodyBytes;
    private final int retryAfterSeconds;

    public OtlpRoute(OtlpLogsInput input, RequestGate gate, RequestMemory memory, int maxBodyBytes,
                     int retryAfterSeconds) {
        this.input = input;
        this.gate = gate;
        this.memory = memory;
        this.maxBodyBytes = maxBodyBytes;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public void export(Context ctx) {
        String correlationId = CorrelationId.choose(ctx.header("X-Request-ID"), ctx.header("X-Correlation-ID"),
                ctx.header("traceparent"));
        ctx.header("X-Request-ID", correlationId);
        OtlpEncoding encoding = OtlpEncoding.of(ctx.contentType()).orElse(OtlpEncoding.JSON);
        if (!gate.enter()) {
            send(ctx, OtlpAnswer.unavailable(encoding, retryAfterSeconds, "the ingestor is shutting down"));
            return;
        }
        try (RequestMemory.Lease lease = memory.lease()) {
            OtlpAnswer answer = input.export(ctx.contentType(), ctx.header("Content-Encoding"),
                    ctx.req().getInputStream(), correlationId, lease);
            if (answer.status() == 413 || answer.status() == 429) {
                RequestBody.discardAtMost(ctx, maxBodyBytes); // what was left unread when it was refused
            }
            send(ctx, answer);
        } catch (IOException e) {
            send(ctx, OtlpAnswer.failed(encoding, 408, "the request body did not arrive: " + e.getMessage()));
        } finally {
            gate.exit();
        }
    }

    /** Written before the handler returns, so that a draining ingestor's last answers are on their way. */
    public static void send(Context ctx, OtlpAnswer answer) {
        ctx.status(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            ctx.header(header.getKey(), header.getValue());
        }
        try {
            ctx.res().setContentLength(answer.body().length);
            ctx.res().getOutputStream().write(answer.body());
            ctx.res().flushBuffer();
        } catch (IOException clientGone) {
            log.atInfo().addKeyValue("status", answer.status()).addKeyValue("reason", clientGone.getMessage())
                    .log("the client went away before its answer was written");
        }
    }
}
