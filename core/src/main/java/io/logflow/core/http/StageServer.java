package io.logflow.core.http;

import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a stage with no API of its own (the parser, the storage writer):
 * {@code /health}, {@code /ready} and {@code /metrics} on Jetty alone ({@link OpsHandler}),
 * JSON errors for anything else. A stage with an API uses {@link ApiServer}.
 */
public final class StageServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageServer.class);
    // a probe or a scrape at a time, and Jetty's acceptor and selector
    private static final int MAX_THREADS = 8;
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final Server jetty;
    private final StageTls tls;

    private StageServer(Server jetty, StageTls tls) {
        this.jetty = jetty;
        this.tls = tls;
    }

    public static StageServer start(String stage, LogFlowConfig.Http http, int port, PrometheusMeterRegistry registry,
                                    Readiness readiness) {
        StageTls tls = StageConnector.tls(http);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 1);
        threads.setName(stage + "-http");
        Server jetty = new Server(threads);
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setIdleTimeout(IDLE_TIMEOUT_MS);
        jetty.addConnector(StageConnector.of(jetty, httpConfig, http.host(), port, tls));
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setHandler(new OpsHandler(registry, readiness));
        StageServer server = new StageServer(jetty, tls);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            if (e instanceof IOException && e.getCause() instanceof BindException) {
                throw new ConfigException("the " + stage + "'s HTTP port " + port + " on " + http.host()
                        + " is in use: stop what listens there or choose another port");
            }
            throw new IllegalStateException("the " + stage + "'s HTTP server did not start: " + e.getMessage(), e);
        }
        StageConnector.logListening(log, stage, http, server.port(), tls);
        return server;
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            log.atWarn().addKeyValue("reason", e.getMessage()).log("the HTTP server did not stop cleanly");
        }
        if (tls != null) {
            tls.close();
        }
    }
}
