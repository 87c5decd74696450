package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.audit.AuditReport;
import io.logflow.console.ConsoleServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless browser (Debian's chromium through its chromedriver) on one
 * real stack: search and its level filter, the live tail, the trail of a dead-lettered log,
 * its replay from the page once the cause is fixed (stored once: the audit balances), the
 * pipeline page while Elasticsearch is away, a {@code <script>} shown as text, and the
 * console's API answering bad input with a 4xx. Screenshots go to
 * {@code e2e/target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String SCRIPT = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient http = HttpClient.newHttpClient();

    private static TestStack stack;
    private static ConsoleServer console;
    private static ChromeDriver browser;
    private static Path screenshots;
    private static Path archives;

    @BeforeAll
    static void startStackConsoleAndBrowser() throws Exception {
        archives = Files.createTempDirectory("console-archives-");
        stack = TestStack.start(List.of(), Map.of("CONSOLE_HTTP_PORT", "0", "CONSOLE_ARCHIVE_DIR", archives.toString(),
                "STORAGE_WRITER_RETRY_MAX_BACKOFF_MS", "2000")).withPipeline();
        console = stack.devStack().closeFirst(ConsoleServer.start(stack.config(),
                stack.pipeline().addresses(stack.config())));
        screenshots = Files.createDirectories(Path.of(System.getProperty("logflow.project.dir"), "e2e", "target",
                "console-screenshots"));
        // a document from elsewhere makes metadata.code an object in that day's index: a log naming a code is refused
        assertThat(stack.elasticsearch("PUT", "/logs-2020.01.01/_doc/seed?refresh=true",
                "{\"timestamp\":\"2020-01-01T00:00:00Z\",\"metadata\":{\"code\":{\"nested\":\"object\"}}}").statusCode())
                .isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            send("req-info-" + i, "INFO", "checkout", "console e2e payment accepted " + i, Instant.now().toString(), "");
        }
        send("req-error", "ERROR", "checkout", "console e2e payment failed", Instant.now().toString(), "");
        send("req-script", "WARN", "attacker", SCRIPT, Instant.now().toString(), "");
        send("req-conflict", "ERROR", "billing", "console e2e refused by the mapping", "2020-01-01T10:00:00Z",
                ",\"metadata\":{\"code\":\"E1\"}");
        send("req-impossible", "ERROR", "billing", "console e2e on a day that does not exist", "2024-02-31T12:00:00Z", "");
        await().atMost(WAIT).until(() -> stack.records("parsed_logs_dlq").size() == 1);
        await().atMost(WAIT).until(() -> stack.records("raw_logs_dlq").size() == 1);
        await().atMost(WAIT).until(() -> stack.documents("logs-*").size() == 6); // five and the seed
        browser = chromium();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
        if (archives != null) {
            try (var files = Files.walk(archives)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void searchFindsTheLogsAndALevelFilterNarrowsThem() {
        open("search");
        search("\"console e2e payment\"");
        waitFor(() -> rows("results").size() == 4);
        assertThat(text("levels")).contains("ERROR").contains("INFO");
        click(By.cssSelector("#levels input[value=ERROR]"));
        waitFor(() -> rows("results").size() == 1);
        assertThat(rows("results").getFirst().getText()).contains("console e2e payment failed");
        assertThat(browser.findElements(By.cssSelector("#histogram rect"))).isNotEmpty();
        screenshot("search");
        click(By.cssSelector("#levels input[value=ERROR]"));
        waitFor(() -> rows("results").size() == 4);
        rows("results").getFirst().click();
        waitFor(() -> !browser.findElements(By.cssSelector("#results tr.detail pre")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#results tr.detail pre")).getText()).contains("\"correlation_id\"");
        screenshot("search-expanded");
    }

    @Test
    @Order(2)
    void aScriptInAMessageIsShownAsTextAndNotRun() {
        open("search");
        search("service:attacker");
        waitFor(() -> rows("results").size() == 1);
        assertThat(rows("results").getFirst().findElement(By.cssSelector("td.message")).getText()).isEqualTo(SCRIPT);
        rows("results").getFirst().click();
        waitFor(() -> !browser.findElements(By.cssSelector("#results tr.detail pre")).isEmpty());
        assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("#results img"))).isEmpty();
        screenshot("script-as-text");
    }

    @Test
    @Order(3)
    void badInputToTheConsoleApiIsAClear4xx() throws Exception {
        assertBadRequest("/api/search?q=" + encode("message:(unclosed"), 400, "Elasticsearch cannot run this search");
        assertBadRequest("/api/search?range=custom&from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "at most");
        assertBadRequest("/api/search?range=custom&from=yesterday&to=2026-01-01T00:00:00Z", 400, "not an instant");
        assertBadRequest("/api/search?level=LOUD", 400, "unknown level");
        assertBadRequest("/api/search?page=-1", 400, "whole number");
        assertBadRequest("/api/search?size=100000", 400, "whole number");
        assertBadRequest("/api/search?page=199&size=200", 400, "deep");
        assertBadRequest("/api/search?bogus=1", 400, "unknown parameter");
        assertBadRequest("/api/trail?correlation_id=" + encode("<x>"), 400, "correlation id");
        assertBadRequest("/api/dead-letters/records?reason=" + encode("(["), 400, "regular expression");
        assertBadRequest("/api/dead-letters/records?topic=raw_logs", 400, "not a dead-letter topic");
        assertBadRequest("/api/audit?since=soon", 400, "not an instant");
        HttpResponse<String> noHeader = post("/api/dead-letters/replay", "{\"all\":true}", Map.of());
        assertThat(noHeader.statusCode()).isEqualTo(403);
        assertThat(noHeader.body()).contains("X-LogFlow-Console");
        HttpResponse<String> otherSite = post("/api/dead-letters/replay", "{\"all\":true}",
                Map.of("X-LogFlow-Console", "1", "Origin", "https://evil.example"));
        assertThat(otherSite.statusCode()).isEqualTo(403);
        HttpResponse<String> notJson = post("/api/dead-letters/replay", "{not json", Map.of("X-LogFlow-Console", "1"));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not JSON");
        // the page says what was wrong with a query
        open("search");
        search("message:(unclosed");
        waitFor(() -> browser.findElement(By.id("error")).isDisplayed());
        assertThat(text("error")).contains("Elasticsearch cannot run this search");
    }

    @Test
    @Order(4)
    void theLiveTailShowsALogSentAfterThePageOpenedAndPauses() throws Exception {
        open("tail");
        click(By.id("tail-start"));
        waitFor(() -> text("tail-status").startsWith("Following"));
        send("req-tail-1", "INFO", "tailer", "console e2e tail first", Instant.now().toString(), "");
        waitFor(() -> text("tail-list").contains("console e2e tail first"));
        click(By.id("tail-pause"));
        send("req-tail-2", "WARN", "tailer", "console e2e tail second", Instant.now().toString(), "");
        waitFor(() -> text("tail-status").matches("Paused: [1-9]\\d* new logs waiting\\."));
        assertThat(text("tail-list")).doesNotContain("console e2e tail second");
        click(By.id("tail-pause"));
        waitFor(() -> text("tail-list").contains("console e2e tail second"));
        screenshot("tail");
        browser.navigate().refresh(); // closes the stream
    }

    @Test
    @Order(5)
    void theTrailOfTheDeadLetteredLogShowsItsReason() {
        open("trail");
        type(By.id("trail-id"), "req-conflict");
        click(By.id("trail-go"));
        waitFor(() -> text("trail-result").contains("dead letter"));
        String trail = text("trail-result");
        assertThat(trail).contains("raw record").contains("parsed record").contains("raw_logs partition")
                .contains("stage storage-writer").containsIgnoringCase("code").contains("state: pending")
                .contains("the ingestor's answer: 200, partition");
        screenshot("trail");
    }

    @Test
    @Order(6)
    void replayFromThePageAfterTheCauseIsFixedStoresTheLogOnce() throws Exception {
        assertThat(stack.elasticsearch("DELETE", "/logs-2020.01.01").statusCode()).isEqualTo(200); // the fix
        open("dlq");
        waitFor(() -> text("dlq-summary").contains("parsed_logs_dlq"));
        new Select(browser.findElement(By.id("dlq-topic"))).selectByValue("parsed_logs_dlq");
        click(By.id("dlq-show"));
        waitFor(() -> rows("dlq-records").size() == 1);
        assertThat(rows("dlq-records").getFirst().getText()).contains("storage-writer");
        rows("dlq-records").getFirst().findElement(By.cssSelector("td:nth-child(2)")).click();
        waitFor(() -> text("dlq-records").contains("original_topic"));
        click(By.cssSelector("#dlq-records input[type=checkbox]"));
        click(By.id("dlq-dry-run"));
        waitFor(() -> text("dlq-result").contains("would replay 1 dead letters"));
        screenshot("dead-letters");
        click(By.id("dlq-replay"));
        waitFor(() -> browser.findElement(By.id("confirm")).isDisplayed());
        click(By.id("confirm-yes"));
        waitFor(() -> text("dlq-result").contains("Replayed 1 dead letters"));
        await().atMost(WAIT).until(() -> stack.documents("logs-2020.01.01").size() == 1);
        JsonNode stored = stack.documents("logs-2020.01.01").getFirst().path("_source");
        assertThat(stored.path("correlation_id").asText()).isEqualTo("req-conflict");
        HttpResponse<String> again = post("/api/dead-letters/replay", "{\"correlation_id\":\"req-conflict\",\"dry_run\":false}",
                Map.of("X-LogFlow-Console", "1"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        AuditReport report = stack.awaitAuditWithNothingMissing(WAIT);
        assertThat(report.balanced()).as(report.summary()).isTrue();
        assertThat(report.duplicateIds()).isEmpty();
        assertThat(report.deadLetteredByParser()).isEqualTo(1);
        assertThat(report.deadLetteredByWriter()).isZero();
    }

    @Test
    @Order(7)
    void archiveFromThePageWritesTheDeadLetterToAFileAndItIsNoLongerPending() throws Exception {
        open("dlq");
        waitFor(() -> text("dlq-summary").contains("raw_logs_dlq"));
        type(By.id("dlq-correlation"), "req-impossible");
        click(By.id("dlq-show"));
        waitFor(() -> rows("dlq-records").size() == 1);
        assertThat(rows("dlq-records").getFirst().getText()).contains("parser");
        click(By.id("dlq-archive"));
        waitFor(() -> browser.findElement(By.id("confirm")).isDisplayed());
        click(By.id("confirm-yes"));
        waitFor(() -> text("dlq-result").startsWith("Archived 1 dead letters to "));
        Path file = Path.of(text("dlq-result").replaceFirst("^Archived 1 dead letters to ", "").replaceFirst("\\.$", ""));
        assertThat(file.getParent()).isEqualTo(archives);
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            assertThat(lines.lines().toList()).singleElement().asString().contains("req-impossible");
        }
        click(By.id("dlq-show"));
        waitFor(() -> text("dlq-result").startsWith("0 pending dead letters match"));
        screenshot("dead-letters-archived");
    }

    @Test
    @Order(8)
    void thePipelinePageShowsTheWriterPausedWhileElasticsearchIsStopped() throws Exception {
        open("pipeline");
        waitFor(() -> text("writer-state").equals("writing"));
        assertThat(browser.findElements(By.cssSelector("#lag tbody tr"))).hasSize(6);
        screenshot("pipeline");
        stack.devStack().elasticsearch().stop();
        try {
            send("req-outage", "INFO", "checkout", "console e2e sent during the outage", Instant.now().toString(), "");
            waitFor(Duration.ofSeconds(90), () -> text("writer-state").startsWith("PAUSED"));
            assertThat(text("stage-storage-writer")).contains("not ready");
            screenshot("pipeline-writer-paused");
        } finally {
            stack.devStack().elasticsearch().start();
        }
        waitFor(Duration.ofSeconds(120), () -> text("writer-state").equals("writing"));
    }

    @Test
    @Order(9)
    void theAuditRunFromThePageBalances() {
        stack.awaitAuditWithNothingMissing(Duration.ofMinutes(2));
        open("audit");
        click(By.id("audit-go"));
        waitFor(() -> text("audit-verdict").startsWith("Balanced"));
        assertThat(text("audit-result")).contains("\"accepted\": 10").contains("\"dead_lettered_by_parser\": 1");
        screenshot("audit");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("search");
        search("");
        waitFor(() -> rows("results").size() >= 8);
        screenshot("search-phone");
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return driver;
    }

    private static void open(String page) {
        browser.get(console.url() + "#" + page);
        browser.navigate().refresh(); // a change of the hash alone does not reload
        waitFor(() -> browser.findElement(By.id("page-" + page)).isDisplayed());
    }

    private static void search(String query) {
        type(By.id("q"), query);
        click(By.id("search-go"));
    }

    private static void type(By field, String text) {
        WebElement input = browser.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    private static void click(By what) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(what)).click();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static List<WebElement> rows(String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr.row"));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        waitFor(WAIT, condition);
    }

    private static void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(driver -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-" + Instant.now().toEpochMilli());
            String page = browser.findElement(By.tagName("main")).getText();
            throw new AssertionError("the page did not get there in " + timeout.toSeconds() + " s; it shows:\n"
                    + page.substring(0, Math.min(3000, page.length())), e);
        }
    }

    private static void screenshot(String name) {
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertBadRequest(String path, int status, String says) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(console.url() + path.substring(1)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(TestStack.readJson(response.body()).path("error").asText()).as(path).contains(says);
    }

    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.url() + path.substring(1)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** One log through the ingestor, with its own correlation id. */
    private static void send(String requestId, String level, String service, String message, String timestamp,
                             String more) throws Exception {
        String json = "{\"timestamp\":\"" + timestamp + "\",\"level\":\"" + level + "\",\"service\":\"" + service
                + "\",\"message\":" + io.logflow.core.json.Json.mapper().writeValueAsString(message) + more + "}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.ingestorUrl() + "/log"))
                .header("Content-Type", "application/json").header("X-Request-ID", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
