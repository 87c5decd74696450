package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.audit.AuditReport;
import io.logflow.devstack.Daemon;
import io.logflow.devstack.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real clients of Elasticsearch, unchanged, pointed at the ingestor's URL (the Java
 * client's BulkIngester, python3-elasticsearch, rsyslog, syslog-ng): every log they
 * send is stored exactly once with its message, time, level and service mapped, a resend
 * with the same ids stores nothing twice, and the audit balances. One stack for all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElasticsearchInputIT {

    private static TestStack stack;

    @BeforeAll
    static void startStack() throws IOException {
        stack = TestStack.start().withPipeline();
    }

    @AfterAll
    static void stopStack() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theElasticsearchJavaClientsBulkIngesterStoresEveryLogOnceAndAResendNothingTwice() throws Exception {
        int count = 500;
        Rest5Client rest = Rest5Client.builder(URI.create(stack.ingestorUrl())).build();
        try (ElasticsearchClient client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()))) {
            AtomicInteger failedItems = new AtomicInteger();
            List<Throwable> failedRequests = new ArrayList<>();
            BulkListener<Void> listener = new BulkListener<>() {
                @Override
                public void beforeBulk(long id, BulkRequest request, List<Void> contexts) {}

                @Override
                public void afterBulk(long id, BulkRequest request, List<Void> contexts, BulkResponse response) {
                    response.items().stream().filter(item -> item.error() != null).forEach(item -> failedItems.incrementAndGet());
                }

                @Override
                public void afterBulk(long id, BulkRequest request, List<Void> contexts, Throwable failure) {
                    failedRequests.add(failure);
                }
            };
            for (int round = 0; round < 2; round++) { // the second round is a client's resend of the same _ids
                try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(client).maxOperations(100)
                        .flushInterval(1, TimeUnit.SECONDS).listener(listener))) {
                    for (int i = 0; i < count; i++) {
                        Map<String, Object> document = Map.of(
                                "@timestamp", Instant.parse("2025-11-28T10:00:00Z").plusMillis(i).toString(),
                                "message", "java log " + i,
                                "log", Map.of("level", i % 2 == 0 ? "error" : "debug"),
                                "service", Map.of("name", "java-app"));
                        String id = "java-" + i;
                        ingester.add(op -> op.index(index -> index.index("java-app").id(id).document(document)));
                    }
                }
            }
            assertThat(failedRequests).isEmpty();
            assertThat(failedItems).hasValue(0);
        }
        List<JsonNode> stored = awaitStored("java-app", count);
        assertMapped(stored, "java log 0", "2025-11-28T10:00:00Z", "ERROR");
        assertThat(stored).filteredOn(doc -> doc.path("level").asText().equals("DEBUG")).hasSize(count / 2);
        AuditReport report = auditBalanced();
        assertThat(report.resent()).isGreaterThanOrEqualTo(count);
    }

    @Test
    void pythonElasticsearchHelpersBulkStoresEveryLogOnce() throws Exception {
        int count = 300;
        assertThat(finish(pythonBulk(count, "python-app", 0))).isEqualTo("ok " + count + " 0");
        List<JsonNode> stored = awaitStored("python-app", count);
        JsonNode one = assertMapped(stored, "python-app log 7", "2025-11-28T10:00:00.007Z", "WARN");
        assertThat(one.path("metadata").path("request.path").asText()).isEqualTo("/p/7");
        auditBalanced();
    }

    @Test
    void rsyslogsOmelasticsearchInBulkModeStoresEverySyslogMessageOnce() throws Exception {
        int syslogPort = Ports.freePort();
        try (Daemon rsyslog = Rsyslog.start(stack.dir().resolve("rsyslog"), syslogPort, stack.pipeline().ingestor().port())) {
            JsonNode one = sendSyslogAndAwaitStoredOnce(rsyslog, syslogPort, "rsys-app", "rsyslog log");
            assertThat(one.path("metadata").path("fromhost").asText()).isEqualTo("host1");
        }
        auditBalanced();
    }

    @Test
    void syslogNgsElasticsearchHttpDestinationStoresEverySyslogMessageOnce() throws Exception {
        int syslogPort = Ports.freePort();
        try (Daemon syslogNg = SyslogNg.start(stack.dir().resolve("syslog-ng"), syslogPort,
                stack.pipeline().ingestor().port())) {
            JsonNode one = sendSyslogAndAwaitStoredOnce(syslogNg, syslogPort, "sng-app", "syslog-ng log");
            assertThat(one.path("metadata").path("HOST").asText()).isEqualTo("host1");
            assertThat(one.path("metadata").path("FACILITY").asText()).isEqualTo("user");
            assertThat(one.path("metadata").path("PID").asText()).isEqualTo("4242");
        }
        auditBalanced();
    }

    /**
     * Sends 200 RFC 5424 messages of {@code app} (severity err) to a syslog daemon's TCP
     * input; returns the fifth as stored, once each is stored exactly once with its message,
     * time, level and service mapped.
     */
    private static JsonNode sendSyslogAndAwaitStoredOnce(Daemon daemon, int syslogPort, String app, String text)
            throws IOException {
        int count = 200;
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> {
                    new Socket("127.0.0.1", syslogPort).close();
                    return true;
                });
        try (Socket socket = new Socket("127.0.0.1", syslogPort);
             OutputStream out = socket.getOutputStream()) {
            for (int i = 0; i < count; i++) {
                // RFC 5424; <11> is facility user, severity err
                out.write("<11>1 2025-11-28T12:00:%02d.%03dZ host1 %s 4242 - - %s %d\n"
                        .formatted(i / 1000, i % 1000, app, text, i).getBytes(StandardCharsets.UTF_8));
            }
        }
        List<JsonNode> stored = awaitStored(app, count);
        assertThat(daemon.alive()).isTrue();
        return assertMapped(stored, text + " 5", "2025-11-28T12:00:00.005Z", "ERROR");
    }

    @Test
    void postLogWithTheSameIdempotencyKeyTwiceStoresOneDocument() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String log = "{\"timestamp\":\"2025-11-28T11:00:00Z\",\"level\":\"INFO\",\"message\":\"charged\",\"service\":\"idem-app\"}";
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.ingestorUrl() + "/log"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "payment-42")
                    .POST(HttpRequest.BodyPublishers.ofString(log)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        awaitStored("idem-app", 1);
        AuditReport report = auditBalanced();
        assertThat(report.resent()).isGreaterThanOrEqualTo(1);
        assertThat(stack.documents("logs-*")).filteredOn(doc -> doc.path("_source").path("service").asText()
                .equals("idem-app")).hasSize(1);
    }

    @Test
    @Order(Integer.MAX_VALUE) // it stops the stack's Kafka: last, so that the others see a quiet stack
    void whenKafkaStopsUnderAPythonClientItRetriesAndAfterwardsEveryLogIsStoredOnce() throws Exception {
        int count = 3_000;
        double refusedBefore = kafkaFailures();
        Process python = pythonBulk(count, "outage-app", 0.3); // ~9 s of sending
        Thread.sleep(2_000);
        stack.devStack().kafka().stop();
        System.out.println("Kafka stopped under the python client");
        Thread.sleep(12_000);
        stack.devStack().kafka().start();
        System.out.println("Kafka started again");
        assertThat(finish(python)).isEqualTo("ok " + count + " 0");
        System.out.println("logs refused while Kafka was down: " + (kafkaFailures() - refusedBefore));
        assertThat(kafkaFailures()).as("the client met the outage").isGreaterThan(refusedBefore);
        awaitStored("outage-app", count);
        auditBalanced();
    }

    /** The ingestor's count of logs answered 503 because Kafka did not take them. */
    private static double kafkaFailures() {
        return stack.get(stack.ingestorUrl() + "/metrics").body().lines()
                .filter(line -> line.startsWith("ingestor_kafka_failures_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static Process pythonBulk(int count, String app, double pausePer100) throws Exception {
        Path script = Path.of(ElasticsearchInputIT.class.getResource("/shippers/python_bulk.py").toURI());
        return new ProcessBuilder("/usr/bin/python3", script.toString(), stack.ingestorUrl(), Integer.toString(count),
                app, Double.toString(pausePer100)).redirectErrorStream(true).start();
    }

    /** The last line the python client printed, once it exited 0. */
    private static String finish(Process python) throws Exception {
        String output = new String(python.getInputStream().readAllBytes());
        assertThat(python.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("python3-elasticsearch must be installed (.ci/run installs it)")
                .doesNotContain("ModuleNotFoundError");
        assertThat(python.exitValue()).as(output).isZero();
        List<String> lines = output.strip().lines().toList();
        return lines.getLast();
    }

    /** The documents of a service, once exactly {@code count} are there (and stay so after the pipeline is idle). */
    static List<JsonNode> awaitStored(String service, int count) {
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sources(service).size() >= count);
        stack.awaitAuditWithNothingMissing(Duration.ofMinutes(2));
        List<JsonNode> stored = sources(service);
        assertThat(stored).as("every log stored exactly once").hasSize(count);
        assertThat(stored.stream().map(doc -> doc.path("message").asText()).distinct()).hasSize(count);
        return stored;
    }

    /** The stored log with this message (syslog's leading space aside), its time and level as mapped. */
    private static JsonNode assertMapped(List<JsonNode> stored, String message, String timestamp, String level) {
        JsonNode log = stored.stream().filter(doc -> doc.path("message").asText().strip().equals(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no stored log with message " + message));
        assertThat(log.path("timestamp").asText()).isEqualTo(timestamp);
        assertThat(log.path("level").asText()).isEqualTo(level);
        return log;
    }

    private static List<JsonNode> sources(String service) {
        return stack.documents("logs-*").stream().map(hit -> hit.path("_source"))
                .filter(doc -> doc.path("service").asText().equals(service)).toList();
    }

    private static AuditReport auditBalanced() {
        AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(2));
        assertThat(report.balanced()).as(report.summary()).isTrue();
        assertThat(report.accepted()).as(report.summary())
                .isEqualTo(report.stored() + report.deadLettered() + report.resent());
        return report;
    }
}
