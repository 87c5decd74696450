package io.logflow.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.metrics.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parser's and the storage writer's HTTP face: the probes, the metrics and JSON for anything else. */
class StageServerTest {

    private static final LogFlowConfig.Http PLAIN = new LogFlowConfig.Http("127.0.0.1", new LogFlowConfig.Tls("", "", ""));

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Optional<String>> notReady = new AtomicReference<>(Optional.empty());
    private PrometheusMeterRegistry registry;
    private StageServer server;

    @BeforeEach
    void start() {
        registry = StageMetrics.registry("test");
        registry.counter("logflow_test_things_total").increment(3);
        server = StageServer.start("test", PLAIN, 0, registry, notReady::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthSaysTheProcessIsAlive() throws Exception {
        HttpResponse<String> answer = get("/health");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(answer.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void readyIsA503NamingTheReasonUntilTheStageCanWork() throws Exception {
        notReady.set(Optional.of("Kafka is not reachable at 127.0.0.1:1"));
        HttpResponse<String> waiting = get("/ready");
        assertThat(waiting.statusCode()).isEqualTo(503);
        assertThat(waiting.body()).contains("\"status\":\"not ready\"").contains("Kafka is not reachable at 127.0.0.1:1");

        notReady.set(Optional.empty());
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
    }

    @Test
    void metricsAreThePrometheusTextOfTheStagesRegistry() throws Exception {
        HttpResponse<String> answer = get("/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(answer.body()).contains("logflow_test_things_total{stage=\"test\"} 3.0");
    }

    @Test
    void anythingElseIsAJson404AndAnotherMethodAJson405() throws Exception {
        HttpResponse<String> unknown = get("/logs");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"no such endpoint: /logs\"}");

        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(url("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.body()).isEqualTo("{\"error\":\"method POST not allowed on /health\"}");
    }

    @Test
    void aPortInUseIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> StageServer.start("parser", PLAIN, server.port(), registry, Optional::empty))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the parser's HTTP port " + server.port() + " on 127.0.0.1 is in use: stop what listens "
                        + "there or choose another port");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
