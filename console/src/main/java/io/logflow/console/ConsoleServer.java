package io.logflow.console;

import io.logflow.core.log.LogStorage;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.http.ApiServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LogFlow console: a small web page and its JSON API, on the stages' HTTP server
 * ({@code /health}, {@code /ready}, {@code /metrics}, TLS and JSON errors come with it),
 * bound to {@code console.host} ({@code 127.0.0.1} unless changed).
 */
public final class ConsoleServer implements AutoCloseable {

    private final ApiServer server;
    private final ElasticsearchConnection elasticsearch;
    private final PipelineStatus pipeline;
    private final String url;

    private ConsoleServer(ApiServer server, ElasticsearchConnection elasticsearch, PipelineStatus pipeline, String url) {
        this.server = server;
        this.elasticsearch = elasticsearch;
        this.pipeline = pipeline;
        this.url = url;
    }

    /** A console of the stages the configuration names, at its host and ports. */
    public static ConsoleServer start(LogFlowConfig config) {
        return start(config, stagesOf(config));
    }

    /** @param stages each stage's name and base URL, as its {@code /health} is reached */
    public static ConsoleServer start(LogFlowConfig config, Map<String, String> stages) {
        ElasticsearchConnection elasticsearch = new ElasticsearchConnection(config.elasticsearch());
        PipelineStatus pipeline = new PipelineStatus(config, stages);
        ConsoleApi api = new ConsoleApi(config, new ConsoleAccess(config),
                new StoredLogs(elasticsearch, LogStorage.of(config.storageWriter())), pipeline);
        LogFlowConfig.Http http = config.http().withHost(config.console().host());
        ApiServer server = ApiServer.start("console", http, config.console().httpPort(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), elasticsearch, 1_000_000,
                Duration.ofSeconds(30), api::register);
        String url = (http.tls().enabled() ? "https://" : "http://") + hostOf(http.host()) + ":" + server.port() + "/";
        return new ConsoleServer(server, elasticsearch, pipeline, url);
    }

    private static Map<String, String> stagesOf(LogFlowConfig config) {
        return stages(config, config.ingestor().httpPort(), config.parser().httpPort(), config.storageWriter().httpPort());
    }

    /** The stages at these ports, on this machine unless {@code http.host} names another. */
    public static Map<String, String> stages(LogFlowConfig config, int ingestor, int parser, int storageWriter) {
        String base = (config.http().tls().enabled() ? "https://" : "http://") + hostOf(config.http().host()) + ":";
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("ingestor", base + ingestor);
        stages.put("parser", base + parser);
        stages.put("storage-writer", base + storageWriter);
        return stages;
    }

    private static String hostOf(String bound) {
        return "0.0.0.0".equals(bound) ? "127.0.0.1" : bound;
    }

    public String url() {
        return url;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws IOException {
        server.close();
        pipeline.close();
        elasticsearch.close();
    }
}
