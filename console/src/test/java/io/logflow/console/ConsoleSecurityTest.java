package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.ingestor.door.ApiKey;
import io.logflow.ingestor.door.ApiKeyFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's doors over real HTTP, with nothing behind them (Elasticsearch and Kafka at
 * closed ports): what passes the door reaches the store and gets its 503.
 */
class ConsoleSecurityTest {

    private static final String SECRET = "console-admin-secret";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ConsoleServer start(Map<String, String> settings) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("CONSOLE_HTTP_PORT", "0",
                "ELASTICSEARCH_URL", "http://127.0.0.1:1", "KAFKA_BROKERS", "127.0.0.1:1"));
        environment.putAll(settings);
        LogFlowConfig config = ConfigLoader.defaultsWith(environment);
        return ConsoleServer.start(config);
    }

    private Path adminKeys() throws Exception {
        Path file = dir.resolve("console-admins.json");
        ApiKeyFile.write(file, List.of(new ApiKey("alice", ApiKeyFile.sha256(SECRET), List.of(), 0)));
        return file;
    }

    private HttpResponse<String> send(ConsoleServer console, String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.url() + path.substring(1)))
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}"));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutKeysConfiguredTheConsoleIsOpenOnThisMachine() throws Exception {
        try (ConsoleServer console = start(Map.of())) {
            assertThat(console.url()).startsWith("http://127.0.0.1:");
            assertThat(send(console, "GET", "/", Map.of()).body()).contains("LogFlow console");
            assertThat(send(console, "GET", "/api/session", Map.of()).body()).contains("\"required\":false");
            assertThat(send(console, "GET", "/api/search", Map.of()).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void withIngestKeysButNoConsoleAdminKeysEveryRequestIsRefusedSayingWhatToDo() throws Exception {
        try (ConsoleServer console = start(Map.of("INGESTOR_API_KEYS_FILE", adminKeys().toString()))) {
            HttpResponse<String> refused = send(console, "GET", "/api/search", Map.of("Authorization", "Bearer " + SECRET));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("console.admin_keys_file");
        }
    }

    @Test
    void anAdminKeyInTheHeaderOrASessionFromLoginPassesAndNothingElse() throws Exception {
        try (ConsoleServer console = start(Map.of("CONSOLE_ADMIN_KEYS_FILE", adminKeys().toString()))) {
            assertThat(send(console, "GET", "/api/search", Map.of()).statusCode()).isEqualTo(401);
            assertThat(send(console, "GET", "/api/search", Map.of("Authorization", "Bearer wrong")).statusCode())
                    .isEqualTo(401);
            assertThat(send(console, "GET", "/api/search", Map.of("Authorization", "Bearer " + SECRET)).statusCode())
                    .isEqualTo(503);
            assertThat(send(console, "POST", "/api/login", Map.of("Authorization", "Bearer wrong",
                    "X-LogFlow-Console", "1")).statusCode()).isEqualTo(401);
            HttpResponse<String> login = send(console, "POST", "/api/login", Map.of("Authorization", "Bearer " + SECRET,
                    "X-LogFlow-Console", "1"));
            assertThat(login.statusCode()).isEqualTo(200);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
            String session = cookie.substring(0, cookie.indexOf(';'));
            assertThat(send(console, "GET", "/api/search", Map.of("Cookie", session)).statusCode()).isEqualTo(503);
            assertThat(send(console, "GET", "/api/session", Map.of("Cookie", session)).body()).contains("\"key_id\":\"alice\"");
        }
    }

    @Test
    void aChangeWithoutTheConsolesHeaderOrFromAnotherOriginIsRefused() throws Exception {
        try (ConsoleServer console = start(Map.of())) {
            assertThat(send(console, "POST", "/api/dead-letters/replay", Map.of()).statusCode()).isEqualTo(403);
            assertThat(send(console, "POST", "/api/dead-letters/replay", Map.of("X-LogFlow-Console", "1",
                    "Origin", "https://evil.example")).statusCode()).isEqualTo(403);
            HttpResponse<String> nothingChosen = send(console, "POST", "/api/dead-letters/replay",
                    Map.of("X-LogFlow-Console", "1"));
            assertThat(nothingChosen.statusCode()).isEqualTo(400);
            assertThat(nothingChosen.body()).contains("say which dead letters");
        }
    }

    @Test
    void theLiveTailIsAStreamOfServerSentEventsThatSaysWhenTheStoreIsAway() throws Exception {
        try (ConsoleServer console = start(Map.of())) {
            HttpResponse<java.util.stream.Stream<String>> tail = http.send(HttpRequest.newBuilder(
                    URI.create(console.url() + "api/tail?level=ERROR")).GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(tail.statusCode()).isEqualTo(200);
            assertThat(tail.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            try (var lines = tail.body()) {
                assertThat(lines.filter(line -> line.startsWith("event:")).findFirst()).contains("event: unavailable");
            }
            assertThat(send(console, "GET", "/api/tail?page=1", Map.of()).statusCode()).isEqualTo(400);
        }
    }
}
