package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logflow.audit.AuditReport;
import io.logflow.audit.PipelineAudit;
import io.logflow.cli.LogFlowCommand;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.elasticsearch.ElasticsearchRequestException;
import io.logflow.devstack.ElasticsearchSecurity;
import io.logflow.ingestor.IngestorStage;
import io.logflow.parser.ParserStage;
import io.logflow.storagewriter.StorageWriterStage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * LogFlow against a real secured Elasticsearch: the devstack's node with its security on,
 * HTTPS with a certificate authority the test made, and file-realm users. The writer runs
 * as a user with only the privileges the README lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredElasticsearchIT {

    private static final ElasticsearchSecurity SUPERUSER = new ElasticsearchSecurity("logflow_admin", "admin-password-1");
    private static final String WRITER = "logflow_writer";
    private static final String WRITER_PASSWORD = "writer-password-1";
    /**
     * The writer's role as the README gives it, and the same for other indices only: then
     * a bulk request is allowed, but each of its documents is refused (403).
     */
    private static final String WRITER_ROLE = """
            logflow_writer:
              cluster: ["monitor", "manage_index_templates"]
              indices:
                - names: ["logs-*"]
                  privileges: ["create_doc", "create_index", "view_index_metadata", "monitor", "delete_index"]
            """;
    private static final String WRITER_ROLE_ON_OTHER_INDICES = WRITER_ROLE.replace("\"logs-*\"", "\"other-logs-*\"");
    /** A user whose role may not install the index template. */
    private static final String NO_TEMPLATES = "logflow_no_templates";
    private static final String NO_TEMPLATES_ROLE = """
            logflow_no_templates:
              cluster: ["monitor"]
              indices:
                - names: ["logs-*"]
                  privileges: ["create_doc", "create_index"]
            """;

    private TestStack stack;

    @BeforeAll
    void startSecuredElasticsearch() throws IOException {
        stack = TestStack.startSecured(SUPERUSER, Map.of("STORAGE_WRITER_RETRY_MAX_BACKOFF_MS", "2000"));
        writeRoles(WRITER_ROLE);
        stack.devStack().elasticsearch().tool("elasticsearch-users", "useradd", WRITER, "-p", WRITER_PASSWORD,
                "-r", WRITER);
        stack.devStack().elasticsearch().tool("elasticsearch-users", "useradd", NO_TEMPLATES, "-p", WRITER_PASSWORD,
                "-r", NO_TEMPLATES);
    }

    @AfterAll
    void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void refusedCredentialsPauseTheWriterAndEveryLogIsStoredOnceTheyAreRight() throws Exception {
        stack.devStack().closeFirst(ParserStage.start(stack.config()));
        IngestorStage ingestor = stack.devStack().closeFirst(IngestorStage.start(stack.config()));
        LogSender sender = new LogSender("http://127.0.0.1:" + ingestor.port());

        // a wrong password from the start: not ready, saying why; nothing stored, nothing dead-lettered
        try (StorageWriterStage wrong = StorageWriterStage.start(writerConfig("not-the-password"))) {
            sender.send(300, 16, 0);
            awaitRefused(wrong, 401);
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.records("parsed_logs").size() == 300);
            assertNothingStoredOrDeadLettered(0);
        }

        // the right password: every log stored, once
        StorageWriterStage writer = stack.devStack().closeFirst(StorageWriterStage.start(writerConfig(WRITER_PASSWORD)));
        assertEverythingStored(300);
        assertThat(readiness(writer).statusCode()).isEqualTo(200);

        // the password changes under the running writer: 401 on its bulk requests pauses it
        stack.devStack().elasticsearch().tool("elasticsearch-users", "passwd", WRITER, "-p", "changed-password");
        awaitRefused(writer, 401);
        sender.send(200, 16, 0);
        awaitPausedRetrying(writer);
        assertNothingStoredOrDeadLettered(300);
        stack.devStack().elasticsearch().tool("elasticsearch-users", "passwd", WRITER, "-p", WRITER_PASSWORD);
        assertEverythingStored(500);

        // the role no longer covers LogFlow's indices: 403 on each document pauses it too
        writeRoles(WRITER_ROLE_ON_OTHER_INDICES);
        try (ElasticsearchConnection asWriter = new ElasticsearchConnection(writerConfig(WRITER_PASSWORD).elasticsearch())) {
            byte[] createDoc = "{\"index\":[{\"names\":[\"logs-x\"],\"privileges\":[\"create_doc\"]}]}"
                    .getBytes(StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(30)).until(() -> !asWriter.json("POST", "/_security/user/_has_privileges",
                    Map.of(), createDoc).path("has_all_requested").asBoolean());
        }
        sender.send(100, 16, 0);
        awaitPausedRetrying(writer);
        assertNothingStoredOrDeadLettered(500);
        writeRoles(WRITER_ROLE);
        assertEverythingStored(600);
        assertThat(sender.accepted.sum()).isEqualTo(600);
    }

    @Test
    void aWriterWhoseUserMayNotInstallTheTemplateIsNotReadyAndSaysWhy() throws Exception {
        Map<String, String> environment = new HashMap<>(stack.environment());
        environment.put("ELASTICSEARCH_USERNAME", NO_TEMPLATES);
        environment.put("ELASTICSEARCH_PASSWORD", WRITER_PASSWORD);
        try (StorageWriterStage writer = StorageWriterStage.start(ConfigLoader.defaultsWith(environment))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var ready = readiness(writer);
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("index template not installed yet", "answered 403",
                        "is unauthorized for user [" + NO_TEMPLATES + "]");
            });
        }
    }

    @Test
    void indicesPruneDeletesOldIndicesThroughTheWritersCredentials() throws Exception {
        assertThat(stack.elasticsearch("PUT", "/logs-2020.01.01").statusCode()).isEqualTo(200);
        Path config = stack.dir().resolve("prune.yaml");
        Files.writeString(config, """
                elasticsearch:
                  url: %s
                  username: %s
                  password: %s
                  ca_file: %s
                """.formatted(stack.devStack().elasticsearchUrl(), WRITER, WRITER_PASSWORD,
                stack.devStack().elasticsearch().caFile()));
        assertThat(LogFlowCommand.commandLine().execute("indices", "prune", "--older-than", "30d",
                "--config", config.toString())).isZero();
        assertThat(stack.elasticsearch("HEAD", "/logs-2020.01.01").statusCode()).isEqualTo(404);
    }

    @Test
    void anHttpUrlAtTheTlsPortSaysToUseHttpsAndAnUnknownAuthorityIsNamed() throws Exception {
        Map<String, String> plain = new HashMap<>(stack.environment());
        plain.put("ELASTICSEARCH_URL", stack.devStack().elasticsearchUrl().replace("https:", "http:"));
        try (ElasticsearchConnection connection = new ElasticsearchConnection(ConfigLoader.defaultsWith(plain).elasticsearch())) {
            assertThatThrownBy(() -> connection.json("GET", "/_cluster/health"))
                    .isInstanceOf(ElasticsearchRequestException.class)
                    .hasMessageContaining("use an https:// elasticsearch.url");
            assertThat(connection.notReadyReason()).get().asString().contains("use an https:// elasticsearch.url");
        }
        Map<String, String> untrusted = new HashMap<>(stack.environment());
        untrusted.remove("ELASTICSEARCH_CA_FILE");
        try (ElasticsearchConnection connection = new ElasticsearchConnection(ConfigLoader.defaultsWith(untrusted).elasticsearch())) {
            assertThat(connection.notReadyReason()).get().asString().contains("unable to find valid certification path");
        }
    }

    @Test
    void aServiceAccountTokenIsSentAsABearerTokenAndAWrongOneIsRefused() throws Exception {
        // a token of Elasticsearch's own fleet-server service account (cluster privilege: monitor)
        String created = stack.devStack().elasticsearch().tool("elasticsearch-service-tokens", "create",
                "elastic/fleet-server", "logflow-it");
        String token = created.substring(created.lastIndexOf('=') + 1).strip();
        try (ElasticsearchConnection right = connection("ELASTICSEARCH_BEARER_TOKEN", token);
             ElasticsearchConnection wrong = connection("ELASTICSEARCH_BEARER_TOKEN", token.substring(0, token.length() - 4) + "AAAA")) {
            // the node reads its service_tokens file again within seconds
            await().atMost(Duration.ofSeconds(30)).until(() -> right.notReadyReason().isEmpty());
            assertThat(right.json("GET", "/_security/_authenticate").path("username").asText())
                    .isEqualTo("elastic/fleet-server");
            assertThat(wrong.notReadyReason()).get().asString()
                    .startsWith("elasticsearch refused LogFlow's credentials (401)");
        }
    }

    /**
     * Elasticsearch's own API keys cannot be made on this distribution (its security index
     * needs the {@code analysis-common} module, which is not on Maven Central), so a real
     * proxy that checks the header stands in front of it: LogFlow's {@code ApiKey} and
     * {@code Bearer} headers must be exactly the configured ones to get through.
     */
    @Test
    void anApiKeyAndABearerTokenGetThroughACheckingProxyAndTheAuditRunsWithTheKey() throws Exception {
        // the real way first: should this distribution ever make API keys, test them here instead
        var created = stack.elasticsearch("POST", "/_security/api_key", "{\"name\":\"logflow\"}");
        assertThat(created.statusCode()).as(created.body()).isNotEqualTo(200);
        assertThat(created.body()).contains("pattern_capture");

        String apiKey = Base64.getEncoder().encodeToString("logflow-it:api-key-secret-1".getBytes(StandardCharsets.UTF_8));
        String bearer = "bearer-token-secret-1";
        String superuser = "Basic " + Base64.getEncoder().encodeToString(
                (SUPERUSER.username() + ":" + SUPERUSER.password()).getBytes(StandardCharsets.UTF_8));
        Path certs = stack.devStack().elasticsearch().caFile().getParent();
        try (CheckingProxy proxy = CheckingProxy.start(stack.dir().resolve("nginx"), stack.devStack().elasticsearchUrl(),
                Map.of("ApiKey " + apiKey, superuser, "Bearer " + bearer, superuser),
                certs.resolve("node.crt"), certs.resolve("node.key"), certs.resolve("ca.crt"));
             ElasticsearchConnection withKey = connection(proxy.url(), "ELASTICSEARCH_API_KEY", apiKey);
             ElasticsearchConnection withToken = connection(proxy.url(), "ELASTICSEARCH_BEARER_TOKEN", bearer);
             ElasticsearchConnection wrongKey = connection(proxy.url(), "ELASTICSEARCH_API_KEY", apiKey + "x")) {
            assertThat(withKey.json("GET", "/_security/_authenticate").path("username").asText())
                    .isEqualTo(SUPERUSER.username());
            assertThat(withToken.notReadyReason()).isEmpty();
            assertThat(wrongKey.notReadyReason()).get().asString()
                    .startsWith("elasticsearch refused LogFlow's credentials (401)");

            Map<String, String> environment = withoutBasicAuth(proxy.url());
            environment.put("ELASTICSEARCH_API_KEY", apiKey);
            AuditReport throughTheProxy = new PipelineAudit(ConfigLoader.defaultsWith(environment), message -> {})
                    .run(null, null);
            assertThat(throughTheProxy.balanced()).as(throughTheProxy.summary()).isTrue();
            assertThat(throughTheProxy.stored()).isEqualTo(stack.audit().stored());
        }
    }

    private ElasticsearchConnection connection(String option, String value) {
        return connection(stack.devStack().elasticsearchUrl(), option, value);
    }

    private ElasticsearchConnection connection(String url, String option, String value) {
        Map<String, String> environment = withoutBasicAuth(url);
        environment.put(option, value);
        return new ElasticsearchConnection(ConfigLoader.defaultsWith(environment).elasticsearch());
    }

    private Map<String, String> withoutBasicAuth(String url) {
        Map<String, String> environment = new HashMap<>(stack.environment());
        environment.put("ELASTICSEARCH_URL", url);
        environment.remove("ELASTICSEARCH_USERNAME");
        environment.remove("ELASTICSEARCH_PASSWORD");
        return environment;
    }

    private LogFlowConfig writerConfig(String password) {
        Map<String, String> environment = new HashMap<>(stack.environment());
        environment.put("ELASTICSEARCH_USERNAME", WRITER);
        environment.put("ELASTICSEARCH_PASSWORD", password);
        return ConfigLoader.defaultsWith(environment);
    }

    /** The node reads its roles.yml again within seconds of a change. */
    private void writeRoles(String roles) throws IOException {
        Files.writeString(stack.devStack().elasticsearch().caFile().getParent().resolveSibling("roles.yml"),
                roles + NO_TEMPLATES_ROLE);
    }

    private void awaitRefused(StorageWriterStage writer, int status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var ready = readiness(writer);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("elasticsearch refused LogFlow's credentials (" + status + ")");
        });
    }

    private java.net.http.HttpResponse<String> readiness(StorageWriterStage writer) {
        return stack.get("http://127.0.0.1:" + writer.port() + "/ready");
    }

    /** The writer holds its batch and retries: no dead letter, no commit. */
    private void awaitPausedRetrying(StorageWriterStage writer) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(stack.get("http://127.0.0.1:" + writer.port() + "/metrics").body())
                        .contains("storage_writer_paused{stage=\"storage-writer\"} 1.0"));
    }

    private void assertNothingStoredOrDeadLettered(int storedBefore) {
        assertThat(stack.records("parsed_logs_dlq")).as("dead letters").isEmpty();
        assertThat(stack.documents("logs-*")).hasSize(storedBefore);
    }

    private void assertEverythingStored(long logs) {
        AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(1));
        assertThat(report.accepted()).isEqualTo(logs);
        assertThat(report.stored()).isEqualTo(logs);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.balanced()).as(report.summary()).isTrue();
        assertThat(stack.documents("logs-*")).hasSize((int) logs);
    }
}
