package io.logflow.core.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.logflow.core.config.LogFlowConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a stage with an API (the ingestor, the console): its routes on Javalin,
 * behind {@link OpsHandler}'s {@code /health}, {@code /ready} and {@code /metrics}, JSON
 * errors for anything else.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private static final int PLATFORM_THREADS = 16;

    private final Javalin app;
    private final StageTls tls;

    private ApiServer(Javalin app, StageTls tls) {
        this.app = app;
        this.tls = tls;
    }

    /**
     * @param requestTimeout how long a blocking read or write of a request may stall, e.g.
     *                       a client that stops sending its body half way
     */
    public static ApiServer start(String stage, LogFlowConfig.Http http, int port, PrometheusMeterRegistry registry,
                                  Readiness readiness, long maxRequestBytes, Duration requestTimeout,
                                  Consumer<RoutesConfig> routes) {
        return start(stage, http, port, registry, readiness, maxRequestBytes, requestTimeout, null, routes);
    }

    /**
     * @param front a Jetty handler that sees every request first and passes on (to Javalin)
     *              those it does not take: a hot path that skips the servlet layer; null for none
     */
    public static ApiServer start(String stage, LogFlowConfig.Http http, int port, PrometheusMeterRegistry registry,
                                  Readiness readiness, long maxRequestBytes, Duration requestTimeout,
                                  Handler.Wrapper front, Consumer<RoutesConfig> routes) {
        StageTls tls = StageConnector.tls(http);
        try {
            return start(stage, http, port, registry, readiness, maxRequestBytes, requestTimeout, front, routes, tls);
        } catch (RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
    }

    private static ApiServer start(String stage, LogFlowConfig.Http http, int port, PrometheusMeterRegistry registry,
                                   Readiness readiness, long maxRequestBytes, Duration requestTimeout,
                                   Handler.Wrapper front, Consumer<RoutesConfig> routes, StageTls tls) {
        OpsHandler ops = new OpsHandler(registry, readiness);
        if (front != null) {
            ops.setHandler(front);
        }
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.threadPool = threads(stage);
            config.http.maxRequestSize = maxRequestBytes;
            config.http.prefer405over404 = true;
            // answers are small JSON; checking each one for compression cost ~10% of a POST /log's CPU
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.jetty.addConnector((server, httpConfig) -> StageConnector.of(server, httpConfig, http.host(), port,
                    tls));
            config.jetty.modifyHttpConfiguration(httpConfig -> httpConfig.setIdleTimeout(requestTimeout.toMillis()));
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.setHandler(ops); // Javalin puts its own handler inside the innermost wrapper
            });
            routes.accept(config.routes);
            config.routes.error(404, ctx -> JsonResponse.error(ctx, 404, "no such endpoint: " + ctx.path()));
            config.routes.error(405, ctx -> JsonResponse.error(ctx, 405,
                    "method " + ctx.method() + " not allowed on " + ctx.path()));
            config.routes.error(413, ctx -> JsonResponse.error(ctx, 413,
                    "request body larger than " + maxRequestBytes + " bytes"));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.atError().setCause(e).addKeyValue("path", ctx.path()).log("request failed unexpectedly");
                JsonResponse.error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
        }).start(port);
        StageConnector.logListening(log, stage, http, app.port(), tls);
        return new ApiServer(app, tls);
    }

    /**
     * Jetty's selectors and the handlers that do not block on a few platform threads; each
     * request a handler may block in (a batch waiting for Kafka) on a virtual thread of its
     * own. All of Jetty on virtual threads, as Javalin has it, handed every {@code POST /log}
     * between carrier threads: 1.6 times its CPU (docs/benchmarks.md, "One log per request,
     * again").
     */
    private static QueuedThreadPool threads(String stage) {
        QueuedThreadPool threads = new QueuedThreadPool(PLATFORM_THREADS, 2);
        threads.setName(stage + "-http");
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(stage + "-request-", 0).factory()));
        return threads;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        if (tls != null) {
            tls.close();
        }
    }
}
