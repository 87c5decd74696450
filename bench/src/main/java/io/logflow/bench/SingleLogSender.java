package io.logflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (d) One log per {@code POST /log}, keep-alive connections, many at a time, for a fixed
 * time: with wrk when it is installed (a C client leaves the CPU to LogFlow), else with
 * Java's HTTP client on virtual threads.
 */
final class SingleLogSender {

    record Result(String client, long accepted, long failed) {}

    private static final Path WRK = Path.of("/usr/bin/wrk");

    private SingleLogSender() {}

    static Result send(String ingestorUrl, BenchDoor door, int connections, Duration duration, Path workDir)
            throws Exception {
        return send(ingestorUrl, door, connections, duration, workDir, null);
    }

    /** @param clientCores where wrk runs (taskset's CPU list), or null for anywhere; Java's client runs anywhere */
    static Result send(String ingestorUrl, BenchDoor door, int connections, Duration duration, Path workDir,
                       String clientCores) throws Exception {
        return Files.isExecutable(WRK)
                ? withWrk(ingestorUrl, door, connections, duration, workDir, clientCores)
                : withJava(ingestorUrl, door, connections, duration);
    }

    private static Result withWrk(String ingestorUrl, BenchDoor door, int connections, Duration duration,
                                  Path workDir, String clientCores) throws IOException, InterruptedException {
        Path script = workDir.resolve("post-log.lua");
        // wrk speaks TLS (without checking the certificate) when the URL says https
        String authorization = door.authorization() == null ? ""
                : "wrk.headers[\"Authorization\"] = \"" + door.authorization() + "\"\n";
        Files.writeString(script, authorization + """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                local n = 0
                request = function()
                  n = n + 1
                  local body = string.format('{"timestamp":"%s","level":"INFO","message":"single log %d",'
                    .. '"service":"wrk","metadata":{"host":"host-1"}}', os.date("!%Y-%m-%dT%H:%M:%SZ"), n)
                  return wrk.format(nil, "/log", nil, body)
                end
                """);
        List<String> command = new ArrayList<>();
        if (clientCores != null) {
            command.addAll(List.of(Affinity.TASKSET.toString(), "-c", clientCores));
        }
        command.addAll(List.of(WRK.toString(), "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "-s", script.toString(), ingestorUrl));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        long requests = number(output, "(\\d+) requests in");
        long non2xx = output.contains("Non-2xx") ? number(output, "Non-2xx or 3xx responses: (\\d+)") : 0;
        long socketErrors = output.contains("Socket errors") ? sumSocketErrors(output) : 0;
        return new Result("wrk", requests - non2xx, non2xx + socketErrors);
    }

    private static long sumSocketErrors(String output) {
        Matcher m = Pattern.compile("connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                + Long.parseLong(m.group(4)) : 0;
    }

    private static long number(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + output);
        }
        return Long.parseLong(m.group(1));
    }

    private static Result withJava(String ingestorUrl, BenchDoor door, int connections, Duration duration)
            throws InterruptedException {
        HttpClient http = door.clients().version(HttpClient.Version.HTTP_1_1).build();
        URI endpoint = URI.create(ingestorUrl + "/log");
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong counter = new AtomicLong();
        long stopAt = System.nanoTime() + duration.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < stopAt) {
                        long n = counter.incrementAndGet();
                        String body = "{\"timestamp\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"message\":\"single log "
                                + n + "\",\"service\":\"java\",\"metadata\":{\"host\":\"host-1\"}}";
                        try {
                            int status = http.send(door.request(endpoint).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? accepted : failed).incrementAndGet();
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return new Result("java", accepted.get(), failed.get());
    }
}
