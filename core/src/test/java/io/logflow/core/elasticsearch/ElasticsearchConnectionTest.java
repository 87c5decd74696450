package io.logflow.core.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection against a real HTTP server standing in for Elasticsearch. */
class ElasticsearchConnectionTest {

    private HttpServer server;
    private ElasticsearchConnection connection;
    private final AtomicReference<String> seen = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        connection = connectionTo("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() throws IOException {
        connection.close();
        server.stop(0);
    }

    @Test
    void sendsTheMethodPathParametersAndBodyAndReturnsTheAnswersBytes() throws Exception {
        answer("/_bulk", 200, "{\"items\":[]}", exchange -> seen.set(exchange.getRequestMethod() + " "
                + exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));

        var answer = connection.send("POST", "/_bulk", Map.of("filter_path", "items.*.status"),
                "{\"create\":{}}\n{}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"items\":[]}");
        assertThat(seen.get()).isEqualTo("POST /_bulk?filter_path=items.*.status application/json; charset=UTF-8 {\"create\":{}}\n{}\n");
    }

    @Test
    void readsAJsonAnswer() throws Exception {
        answer("/logs-*/_count", 200, "{\"count\":42}", exchange -> {});

        assertThat(connection.json("GET", "/logs-*/_count").path("count").asLong()).isEqualTo(42);
    }

    @Test
    void anErrorStatusIsAnExceptionNamingTheRequestTheStatusAndTheBody() {
        answer("/logs-x", 400, "{\"error\":{\"type\":\"illegal_argument_exception\"}}", exchange -> {});

        assertThatThrownBy(() -> connection.send("DELETE", "/logs-x"))
                .isInstanceOfSatisfying(ElasticsearchRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).isEqualTo("{\"error\":{\"type\":\"illegal_argument_exception\"}}");
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessage("DELETE /logs-x: Elasticsearch at " + connection.url()
                        + " answered 400: {\"error\":{\"type\":\"illegal_argument_exception\"}}");
    }

    @Test
    void tooManyRequestsAndServerErrorsAreTransient() {
        answer("/busy", 429, "{}", exchange -> {});
        answer("/unavailable", 503, "{\"error\":\"no master\"}", exchange -> {});

        assertThatThrownBy(() -> connection.send("GET", "/busy"))
                .isInstanceOfSatisfying(ElasticsearchRequestException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(() -> connection.send("GET", "/unavailable"))
                .isInstanceOfSatisfying(ElasticsearchRequestException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageEndingWith("answered 503: {\"error\":\"no master\"}");
    }

    @Test
    void noAnswerIsATransientExceptionNamingTheRequestAndTheAddress() throws Exception {
        try (ElasticsearchConnection nowhere = connectionTo("http://127.0.0.1:" + closedPort())) {
            assertThatThrownBy(() -> nowhere.send("POST", "/_bulk", Map.of(), new byte[] {'{', '}'}))
                    .isInstanceOfSatisfying(ElasticsearchRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(ElasticsearchRequestException.NO_ANSWER);
                        assertThat(e.isTransient()).isTrue();
                    })
                    .hasMessageStartingWith("POST /_bulk: no answer from Elasticsearch at " + nowhere.url() + ": ");
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsAnExceptionWhenJsonWasExpected() {
        answer("/_cat/indices", 200, "logs-2026.11.27", exchange -> {});

        assertThatThrownBy(() -> connection.json("GET", "/_cat/indices"))
                .isInstanceOf(ElasticsearchRequestException.class)
                .hasMessageContaining("GET /_cat/indices")
                .hasMessageContaining("not JSON");
    }

    @Test
    void readyWhenTheClusterHealthAnswers() {
        answer("/_cluster/health", 200, "{\"status\":\"green\"}", exchange -> {});

        assertThat(connection.notReadyReason()).isEmpty();
    }

    @Test
    void notReadyWhenTheClusterHealthFailsOrNothingAnswers() throws Exception {
        answer("/_cluster/health", 503, "{\"error\":\"no master\"}", exchange -> {});
        assertThat(connection.notReadyReason()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("elasticsearch not ready: GET /_cluster/health").contains("503"));

        try (ElasticsearchConnection nowhere = connectionTo("http://127.0.0.1:" + closedPort())) {
            assertThat(nowhere.notReadyReason()).hasValueSatisfying(reason ->
                    assertThat(reason).startsWith("elasticsearch unreachable: GET /_cluster/health"));
        }
    }

    @Test
    void aHealthCheckGivesUpAfterFiveSecondsWhenTheServerDoesNotAnswer() {
        answer("/_cluster/health", 200, "{}", exchange -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        long started = System.nanoTime();
        assertThat(connection.notReadyReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("elasticsearch unreachable: GET /_cluster/health").endsWith("gave up after 5 s"));
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(10);
    }

    @Test
    void theStoreIsElasticsearchKnownByItsNodeWhenItHasNoRootAndIsAskedOnce() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        answer("/", 405, "{\"error\":\"Incorrect HTTP method for uri [/]\",\"status\":405}", exchange -> asked.incrementAndGet());
        answer("/_nodes/_local", 200, "{\"nodes\":{\"n1\":{\"version\":\"8.19.21\"}}}", exchange -> {});

        assertThat(connection.flavour()).hasToString("Elasticsearch 8.19.21");
        assertThat(connection.flavour()).hasToString("Elasticsearch 8.19.21");
        assertThat(asked).hasValue(1);
    }

    @Test
    void theStoreIsOpenSearchWhenItsRootSaysSo() throws Exception {
        answer("/", 200, "{\"version\":{\"distribution\":\"opensearch\",\"number\":\"3.6.0\"}}", exchange -> {});

        assertThat(connection.flavour()).isEqualTo(new StoreFlavour(StoreFlavour.Product.OPENSEARCH, "3.6.0"));
    }

    @Test
    void anAddressThatIsNotAnHttpUrlIsAConfigurationError() {
        assertThatThrownBy(() -> connectionTo("localhost:9200")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("elasticsearch.url 'localhost:9200'");
    }

    @Test
    void aRequestThatFindsOneNodeOfSeveralDeadGoesToTheNext() throws Exception {
        answer("/_cluster/health", 200, "{\"status\":\"yellow\"}", exchange -> {});
        String nodes = "http://127.0.0.1:" + closedPort() + ", http://127.0.0.1:" + server.getAddress().getPort();
        try (ElasticsearchConnection cluster = connectionTo(nodes)) {
            for (int i = 0; i < 4; i++) {
                assertThat(cluster.json("GET", "/_cluster/health").path("status").asText()).isEqualTo("yellow");
            }
        }
    }

    @Test
    void severalNodesMustEachBeAnHttpUrlOfOneScheme() {
        assertThatThrownBy(() -> connectionTo("http://127.0.0.1:9200,127.0.0.1:9201")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("elasticsearch.url '127.0.0.1:9201'");
        assertThatThrownBy(() -> connectionTo("http://127.0.0.1:9200,https://127.0.0.1:9201"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mixes http:// and https://");
    }

    private static ElasticsearchConnection connectionTo(String url) {
        return new ElasticsearchConnection(new LogFlowConfig.Elasticsearch(url));
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void answer(String path, int status, String body, Handler before) {
        server.createContext(path, exchange -> {
            before.handle(exchange);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
