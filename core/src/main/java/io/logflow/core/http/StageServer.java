package io.logflow.core.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.logflow.core.config.LogFlowConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face every stage shares: {@code /health} (the process is alive), {@code /ready}
 * (it can reach what it needs), {@code /metrics} (Prometheus text), JSON errors for
 * anything else. The ingestor adds its API through {@code routes}.
 */
public final class StageServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageServer.class);

    private final Javalin app;
    private final StageTls tls;

    private StageServer(Javalin app, StageTls tls) {
        this.app = app;
        this.tls = tls;
    }

    /**
     * @param requestTimeout how long a blocking read or write of a request may stall, e.g.
     *                       a client that stops sending its body half way
     */
    public static StageServer start(String stage, LogFlowConfig.Http http, int port, PrometheusMeterRegistry registry,
                                    Readiness readiness, long maxRequestBytes, Duration requestTimeout,
                                    Consumer<RoutesConfig> routes) {
        return start(stage, http, port, registry, readiness, maxRequestBytes, requestTimeout, null, routes);
    }

    /**
     * @param front a Jetty handler that sees every request first and passes on (to Javalin)
     *              those it does not take: a hot path that skips the servlet layer; null for none
     */
    public static StageServer start(String stage, LogFlowConfig.Http http, int port, PrometheusMeterRegistry registry,
                                    Readiness readiness, long maxRequestBytes, Duration requestTimeout,
                                    Handler.Wrapper front, Consumer<RoutesConfig> routes) {
        StageTls tls = http.tls().enabled() ? new StageTls(http.tls(), Duration.ofSeconds(1)) : null;
        try {
            return start(stage, http, port, registry, readiness, maxRequestBytes, requestTimeout, front, routes, tls);
        } catch (RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
    }

    private static StageServer start(String stage, LogFlowConfig.Http http, int port, PrometheusMeterRegistry registry,
                                     Readiness readiness, long maxRequestBytes, Duration requestTimeout,
                                     Handler.Wrapper front, Consumer<RoutesConfig> routes, StageTls tls) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = maxRequestBytes;
            config.http.prefer405over404 = true;
            // answers are small JSON; checking each one for compression cost ~10% of a POST /log's CPU
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, http.host(), port, tls));
            config.jetty.modifyHttpConfiguration(httpConfig -> httpConfig.setIdleTimeout(requestTimeout.toMillis()));
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                if (front != null) {
                    server.setHandler(front); // Javalin puts its own handler inside it
                }
            });
            config.routes.get("/health", ctx -> JsonResponse.send(ctx, 200, Map.of("status", "ok")));
            config.routes.get("/ready", ctx -> readiness.notReadyReason().ifPresentOrElse(
                    reason -> JsonResponse.send(ctx, 503, new NotReady("not ready", reason)),
                    () -> JsonResponse.send(ctx, 200, Map.of("status", "ready"))));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape()));
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
        log.atInfo().addKeyValue("stage", stage).addKeyValue("host", http.host()).addKeyValue("port", app.port())
                .addKeyValue("tls", tls != null).addKeyValue("client_certificates", tls != null
                        && !http.tls().clientCaFile().isEmpty()).log("http server listening");
        return new StageServer(app, tls);
    }

    public static StageServer start(String stage, LogFlowConfig.Http http, int port, PrometheusMeterRegistry registry,
                                    Readiness readiness) {
        return start(stage, http, port, registry, readiness, 1_000_000, Duration.ofSeconds(30), routes -> {});
    }

    private static ServerConnector connector(Server server, HttpConfiguration httpConfig, String host, int port,
                                             StageTls tls) {
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        } else {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // one certificate: there is nothing for the name to choose
            httpConfig.addCustomizer(secure);
            connector = new ServerConnector(server, tls.factory(), new HttpConnectionFactory(httpConfig));
        }
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    record NotReady(String status, String reason) {}

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
