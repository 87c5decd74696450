package io.logflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code logflow generate} against a stand-in ingestor that answers every log with one status. */
class GenerateCommandTest {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private HttpServer ingestor;

    private String ingestorAnswering(int status) throws IOException {
        ingestor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingestor.createContext("/health", exchange -> answer(exchange, 200));
        ingestor.createContext("/log", exchange -> {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            answer(exchange, status);
        });
        ingestor.start();
        return "http://127.0.0.1:" + ingestor.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (ingestor != null) {
            ingestor.stop(0);
        }
    }

    @Test
    void theDefaultsAreALocalIngestorTenLogsASecondWithoutEnd() {
        GenerateCommand generate = Cli.parse(GenerateCommand.class, "generate");

        assertThat(generate.url).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(generate.rate).isEqualTo(10);
        assertThat(generate.count).isZero();
        assertThat(generate.durationSeconds).isZero();
        assertThat(generate.concurrency).isEqualTo(64);
        assertThat(generate.waitSeconds).isEqualTo(60);
    }

    @Test
    void countStopsAfterThatManyLogsEachAJsonLog() throws Exception {
        String url = ingestorAnswering(200);

        Cli cli = Cli.run("generate", "--url", url, "--rate", "200", "--count", "5");

        assertThat(cli.exitCode()).isZero();
        assertThat(received).hasSize(5).allSatisfy(log ->
                assertThat(log.fieldNames()).toIterable().contains("timestamp", "level", "message", "service"));
        assertThat(contentTypes).containsOnly("application/json");
    }

    @Test
    void logsAnsweredWithA5xxMakeItExit1() throws Exception {
        String url = ingestorAnswering(503);

        assertThat(Cli.run("generate", "--url", url, "--rate", "200", "--count", "2").exitCode()).isEqualTo(1);
        assertThat(received).hasSize(2);
    }

    @Test
    void logsAnsweredWithA4xxAreRejectedNotFailed() throws Exception {
        String url = ingestorAnswering(400);

        assertThat(Cli.run("generate", "--url", url, "--rate", "200", "--count", "2").exitCode()).isZero();
    }

    @Test
    void anIngestorThatNeverAnswersHealthEndsItWithAHint() {
        Cli cli = Cli.run("generate", "--url", "http://127.0.0.1:1", "--wait", "0");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("did not answer /health within 0 s", "./logflow up");
    }
}
