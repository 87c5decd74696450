package io.logflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.logflow.core.elasticsearch.ElasticsearchRequestException;
import io.logflow.devstack.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting for documents to be searchable, against a server answering {@code _count} as told. */
class ElasticsearchTest {

    private record Answer(int status, String body) {}

    private volatile HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void awaitCountRidesOverCountsThatFailForAWhile() throws Exception {
        try (Elasticsearch elasticsearch = countAnswering(new Answer(503, "{\"error\":\"all shards failed\"}"),
                new Answer(429, "{}"), new Answer(200, "{\"count\":3}"), new Answer(200, "{\"count\":5}"))) {
            assertThat(elasticsearch.awaitCount("logs-*", 5, Duration.ofSeconds(10))).isPositive();
        }
    }

    @Test
    void awaitCountRidesOverAnIndexNotFoundWhileItIsBeingCreated() throws Exception {
        try (Elasticsearch elasticsearch = countAnswering(
                new Answer(404, "{\"error\":{\"type\":\"index_not_found_exception\"}}"), new Answer(200, "{\"count\":5}"))) {
            assertThat(elasticsearch.awaitCount("logs-*", 5, Duration.ofSeconds(10))).isPositive();
        }
    }

    @Test
    void awaitCountRidesOverARefusedConnectionUntilElasticsearchListens() throws Exception {
        int port = Ports.freePort();
        try (Elasticsearch elasticsearch = new Elasticsearch("http://127.0.0.1:" + port)) {
            Thread later = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(1_000);
                    startServer(port, new ArrayDeque<>(List.of(new Answer(200, "{\"count\":5}"))));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long started = System.nanoTime();
            assertThat(elasticsearch.awaitCount("logs-*", 5, Duration.ofSeconds(20)) - started)
                    .isGreaterThan(Duration.ofMillis(900).toNanos());
            later.join();
        }
    }

    @Test
    void awaitCountThatNeverGetsAnAnswerSaysSo() throws Exception {
        try (Elasticsearch elasticsearch = new Elasticsearch("http://127.0.0.1:" + Ports.freePort())) {
            assertThatThrownBy(() -> elasticsearch.awaitCount("logs-*", 5, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("only 0 of 5 documents searchable in logs-* after 1 s")
                    .hasMessageContaining("the last count failed: GET /logs-*/_count: no answer from Elasticsearch");
        }
    }

    @Test
    void countRidesOverAFailureThatMayPassAndGivesTheCount() throws Exception {
        try (Elasticsearch elasticsearch = countAnswering(new Answer(503, "{}"), new Answer(200, "{\"count\":7}"))) {
            assertThat(elasticsearch.count("logs-*", Duration.ofSeconds(10))).isEqualTo(7);
        }
    }

    @Test
    void awaitCountFailsAtOnceOnAnAnswerThatWillNotPassSayingWhich() throws Exception {
        try (Elasticsearch elasticsearch = countAnswering(new Answer(400, "{\"error\":\"parsing_exception\"}"))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> elasticsearch.awaitCount("logs-*", 5, Duration.ofSeconds(10)))
                    .isInstanceOf(ElasticsearchRequestException.class)
                    .hasMessageContaining("GET /logs-*/_count")
                    .hasMessageContaining("answered 400: {\"error\":\"parsing_exception\"}");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void awaitCountThatTimesOutSaysHowFarItGotAndTheLastFailure() throws Exception {
        try (Elasticsearch elasticsearch = countAnswering(new Answer(200, "{\"count\":2}"),
                new Answer(503, "{\"error\":\"all shards failed\"}"))) {
            assertThatThrownBy(() -> elasticsearch.awaitCount("logs-*", 5, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("only 2 of 5 documents searchable in logs-* after 1 s")
                    .hasMessageEndingWith("answered 503: {\"error\":\"all shards failed\"}");
        }
    }

    /** The answers in turn, the last one again and again. */
    private Elasticsearch countAnswering(Answer... answers) throws IOException {
        startServer(0, new ArrayDeque<>(List.of(answers)));
        return new Elasticsearch("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void startServer(int port, Queue<Answer> queue) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/logs-*/_count", exchange -> {
            Answer answer = queue.size() > 1 ? queue.poll() : queue.peek();
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
