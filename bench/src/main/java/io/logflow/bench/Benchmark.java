package io.logflow.bench;

import io.logflow.core.config.ConfigLoader;
import io.logflow.core.log.LogStorage;
import io.logflow.devstack.DevStack;
import io.logflow.devstack.Ports;
import io.logflow.devstack.ServerArtifacts;
import io.logflow.devstack.StageProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongToDoubleFunction;

/**
 * {@code bench/run.sh}: the limits of this machine and LogFlow measured in the same run,
 * so that the ratios mean something on a shared, noisy machine. Prints a table and writes
 * the raw figures as JSON.
 */
public final class Benchmark {

    /** Where the stages, on their default configuration, store the logs: what the benchmark counts and searches. */
    static final String STORED_LOGS = LogStorage.of(ConfigLoader.defaultsWith(Map.of()).storageWriter()).searchTarget();

    static final List<String> STAGES = List.of("ingestor", "parser", "storage-writer");
    // each connection waits ~10 ms for Kafka's acknowledgement: 64 measured latency, not capacity
    private static final int SINGLE_LOG_CONNECTIONS = 256;
    // after 200,000 a door the broker's JIT compilers still used 12 of (c)'s 70 µs a log, after 300,000 4 of 55
    // (docs/benchmarks.md, runs 49-50): its per-request code needs tens of thousands of requests to be compiled
    private static final String WARM_UP_LOGS = "300000";

    private final Map<String, Object> figures = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (Boolean.parseBoolean(options.getOrDefault("document", "false"))) {
            DocumentCost.run(options);
            return;
        }
        if (Boolean.parseBoolean(options.getOrDefault("settings", "false"))) {
            StageSettingsCost.run(options);
            return;
        }
        new Benchmark().run(
                Long.parseLong(options.getOrDefault("logs", "300000")),
                Long.parseLong(options.getOrDefault("warm-up", WARM_UP_LOGS)),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("single-seconds", "10"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("latency-seconds", "20"))),
                Path.of(options.getOrDefault("distribution", "cli/target")),
                Path.of(options.getOrDefault("out", "bench/results/latest.json")),
                Boolean.parseBoolean(options.getOrDefault("peers", "false")),
                Boolean.parseBoolean(options.getOrDefault("door", "false")));
    }

    private void run(long logs, long warmUpPerDoor, Duration singleFor, Duration latencyFor, Path distribution,
                     Path out, boolean peers, boolean secured) throws Exception {
        long began = System.nanoTime();
        Path dir = Files.createTempDirectory("logflow-bench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        BenchDoor door = secured ? BenchDoor.secured(dir, distribution) : BenchDoor.open();
        figures.put("door", secured ? "TLS and an API key on every request" : "plain HTTP, no key");
        figures.put("logs_per_case", logs);
        // a smaller run warms up with as many logs as it measures
        long warmUpLogs = Math.min(warmUpPerDoor, logs);
        figures.put("warm_up_logs_per_door", warmUpLogs);
        try (DevStack stack = DevStack.start(ServerArtifacts.locate(), dir, Ports.free(),
                List.of("raw_logs", "parsed_logs", "raw_logs_dlq", "parsed_logs_dlq", "bench_direct"), 3, List.of(),
                message -> progress("devstack: " + message));
             Elasticsearch elasticsearch = new Elasticsearch(stack.elasticsearchUrl())) {
            // first, so that the writer has installed the index template the limit is measured with
            Map<String, StageProcess> stages = startStages(stack, distribution, dir, door);
            String ingestor = door.url(stages.get("ingestor").port());

            // fresh JVMs compile as they go: warm Elasticsearch, Kafka and the stages before measuring any of them
            progress("warming up: " + warmUpLogs + " logs through each of POST /logs, _bulk and OTLP into Elasticsearch"
                    + " (not counted) ...");
            for (BatchFormat format : BatchFormat.values()) {
                new BatchSender(ingestor, door, format).send(format.ordinal() * warmUpLogs, warmUpLogs, 1_000, 4, 0);
            }
            elasticsearch.awaitCount(STORED_LOGS, 3 * warmUpLogs, Duration.ofMinutes(3));

            progress("(a) Elasticsearch _bulk with explicit ids, 200,000 documents from 2 clients ...");
            double bulkLimitBefore = ElasticsearchBulkLimit.docsPerSecond(elasticsearch, 200_000, 5_000, 2);

            progress("(b) Kafka producer, acks=all, lz4, 500,000 raw logs ...");
            double producerLimit = KafkaProducerLimit.recordsPerSecond(
                    ConfigLoader.defaultsWith(Map.of("KAFKA_BROKERS", stack.bootstrapServers())).kafka(), "bench_direct",
                    500_000);
            figures.put("kafka_producer_records_per_s", round(producerLimit));

            Map<String, Long> processes = new LinkedHashMap<>();
            stages.forEach((stage, process) -> processes.put(stage, process.pid()));
            processes.put("kafka", stack.kafka().pid());
            processes.put("elasticsearch", stack.elasticsearch().pid());
            EndToEnd endToEnd = new EndToEnd(ingestor, door, elasticsearch, processes);
            long stored = 3 * warmUpLogs;
            progress("(c) LogFlow end to end, " + logs + " logs in NDJSON batches of 1,000 from 4 clients ...");
            double batchRate = endToEnd.measure("c", "logflow_batch_logs_per_s", BatchFormat.LOGS, stored, logs);
            stored += logs;
            progress("(h) LogFlow end to end through _bulk, " + logs + " documents in bulks of 1,000 from 4 clients ...");
            double bulkRate = endToEnd.measure("h", "logflow_bulk_logs_per_s", BatchFormat.BULK, stored, logs);
            stored += logs;
            progress("(i) LogFlow end to end through OTLP/HTTP, " + logs + " records in protobuf exports of 1,000 from 4 clients ...");
            double otlpRate = endToEnd.measure("i", "logflow_otlp_logs_per_s", BatchFormat.OTLP, stored, logs);
            stored += logs;
            figures.put("ratio_bulk_to_batch", round2(bulkRate / batchRate));
            figures.put("ratio_otlp_to_batch", round2(otlpRate / batchRate));

            // the limit moves by tens of percent from minute to minute on a shared machine: measure it on both sides of (c)
            progress("(a) again, after (c) ...");
            double bulkLimitAfter = ElasticsearchBulkLimit.docsPerSecond(elasticsearch, 200_000, 5_000, 2);
            double bulkLimit = (bulkLimitBefore + bulkLimitAfter) / 2;
            figures.put("elasticsearch_bulk_docs_per_s", round(bulkLimit));
            figures.put("elasticsearch_bulk_docs_per_s_before_and_after_c", List.of(round(bulkLimitBefore), round(bulkLimitAfter)));

            progress("(d) warming the ingestor's one-log path up for " + singleFor.toSeconds() + " s (not counted) ...");
            SingleLogSender.Result warmUp = SingleLogSender.send(ingestor, door, SINGLE_LOG_CONNECTIONS, singleFor, dir);
            elasticsearch.awaitCount(STORED_LOGS, stored + warmUp.accepted(), Duration.ofMinutes(3));
            progress("(d) LogFlow end to end, one log per POST /log, " + SINGLE_LOG_CONNECTIONS
                    + " keep-alive connections for " + singleFor.toSeconds() + " s ...");
            long before = elasticsearch.count(STORED_LOGS, Duration.ofMinutes(1));
            Map<String, Double> cpuBefore = cpuSeconds(processes);
            long started = System.nanoTime();
            SingleLogSender.Result single = SingleLogSender.send(ingestor, door, SINGLE_LOG_CONNECTIONS, singleFor, dir);
            long searchable = elasticsearch.awaitCount(STORED_LOGS, before + single.accepted(), Duration.ofMinutes(3));
            double singleRate = single.accepted() / ((searchable - started) / 1e9);
            figures.put("logflow_single_logs_per_s", round(singleRate));
            figures.put("single_connections", SINGLE_LOG_CONNECTIONS);
            Map<String, Double> cpuOfD = cpuSince(processes, cpuBefore);
            figures.put("cpu_seconds_during_d", cpuOfD);
            figures.put("ingestor_cpu_us_per_post_d", round2(cpuOfD.get("ingestor") * 1e6 / Math.max(1, single.accepted())));
            figures.put("seconds_of_d", round2((searchable - started) / 1e9));
            figures.put("single_client", single.client());
            figures.put("single_failed_requests", single.failed());

            double half = batchRate / 2;
            progress(String.format("(e) ingest-to-searchable latency at half the batch rate (%.0f logs/s) for %d s ...",
                    half, latencyFor.toSeconds()));
            long backgroundLogs = (long) (half * latencyFor.toSeconds());
            long backgroundFirst = stored;
            CompletableFuture<Long> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return new BatchSender(ingestor, door).send(backgroundFirst, backgroundLogs, 500, 2, half);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Double> latencies = new LatencyProbe(ingestor, door, elasticsearch).run(latencyFor);
            load.get();
            figures.put("latency_probes", latencies.size());
            figures.put("latency_p50_ms", round(LatencyProbe.percentile(latencies, 50)));
            figures.put("latency_p99_ms", round(LatencyProbe.percentile(latencies, 99)));

            Map<String, Double> rss = new LinkedHashMap<>();
            for (String stage : STAGES) {
                rss.put(stage, PeakRss.megabytes(stages.get(stage).pid()));
            }
            figures.put("peak_rss_mb", rss);
            if (peers) {
                measurePeers(elasticsearch, stack.elasticsearch().pid(), logs, dir, batchRate);
            }
            // last: the logs it sends wait in Kafka until it ends, and are stored after every count
            measureLoneIngestor(ingestor, door, stages, stack.kafka().pid(), stack.elasticsearch().pid(), singleFor, dir);
            figures.put("ratio_batch_to_bulk_limit", round2(batchRate / bulkLimit));
            figures.put("ratio_single_to_bulk_limit", round2(singleRate / bulkLimit));
            figures.put("duration_s", round((System.nanoTime() - began) / 1e9));
            Summary.write(figures, out);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** LogFlow end to end through one door: batches of 1,000 from 4 clients, from the first send until all are searchable. */
    private final class EndToEnd {
        private final String ingestor;
        private final BenchDoor door;
        private final Elasticsearch elasticsearch;
        private final Map<String, Long> processes;

        EndToEnd(String ingestor, BenchDoor door, Elasticsearch elasticsearch, Map<String, Long> processes) {
            this.ingestor = ingestor;
            this.door = door;
            this.elasticsearch = elasticsearch;
            this.processes = processes;
        }

        /** @param stored the documents already in Elasticsearch (the numbers of these logs start there) */
        double measure(String letter, String figure, BatchFormat format, long stored, long logs) throws Exception {
            Map<String, Double> cpuBefore = cpuSeconds(processes);
            Map<String, Double> compilersBefore = compilerSeconds(processes);
            MachineTime machineBefore = MachineTime.now();
            double clientsBefore = CpuTime.ownSeconds(ProcessHandle.current().pid());
            long started = System.nanoTime();
            new BatchSender(ingestor, door, format).send(stored, logs, 1_000, 4, 0);
            long searchable = elasticsearch.awaitCount(STORED_LOGS, stored + logs, Duration.ofMinutes(4));
            double rate = logs / ((searchable - started) / 1e9);
            figures.put(figure, round(rate));
            Map<String, Double> cpu = cpuSince(processes, cpuBefore);
            double clients = CpuTime.ownSeconds(ProcessHandle.current().pid()) - clientsBefore;
            Map<String, Double> users = new LinkedHashMap<>();
            users.put("elasticsearch", cpu.get("elasticsearch"));
            users.put("logflow", logflowSeconds(cpu));
            users.put("load_clients", clients);
            figures.put("cores_percent_during_" + letter, MachineTime.now().shares(machineBefore, users));
            figures.put("cpu_seconds_during_" + letter, cpu);
            figures.put("logflow_cpu_us_per_log_" + letter, round2(logflowSeconds(cpu) * 1e6 / logs));
            figures.put("cpu_us_per_log_during_" + letter, perLog(cpu, logs));
            figures.put("compiler_cpu_us_per_log_during_" + letter, perLog(since(compilerSeconds(processes),
                    compilersBefore), logs));
            figures.put("elasticsearch_cpu_us_per_log_" + letter, round2(cpu.get("elasticsearch") * 1e6 / logs));
            figures.put("seconds_of_" + letter, round2((searchable - started) / 1e9));
            return rate;
        }
    }

    private static Map<String, StageProcess> startStages(DevStack stack, Path distribution, Path dir, BenchDoor door) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        STAGES.forEach(stage -> ports.put(stage, Ports.freePort()));
        return startStages(stack, distribution, dir, door, ports, List.of());
    }

    /**
     * @param ports each stage's HTTP port, also its identity in its consumer group: a stage started again on the same
     *              port takes its predecessor's partitions at once
     * @param options more command-line options of every stage, e.g. {@code --config FILE}
     */
    static Map<String, StageProcess> startStages(DevStack stack, Path distribution, Path dir, BenchDoor door,
                                                 Map<String, Integer> ports, List<String> options) {
        Map<String, StageProcess> stages = new LinkedHashMap<>();
        for (String stage : STAGES) {
            int port = ports.get(stage);
            Map<String, String> environment = new HashMap<>(Map.of(
                    "KAFKA_BROKERS", stack.bootstrapServers(),
                    "ELASTICSEARCH_URL", stack.elasticsearchUrl(),
                    stage.toUpperCase().replace('-', '_') + "_HTTP_PORT", Integer.toString(port)));
            if (stage.equals("ingestor")) {
                environment.putAll(door.ingestorSettings());
            }
            progress("starting the " + stage + " ...");
            stages.put(stage, stack.closeFirst(new StageProcess(distribution, stage, options, stage, port, environment,
                    dir)).start());
        }
        return stages;
    }

    static Map<String, Double> cpuSeconds(Map<String, Long> processes) {
        return secondsOfEach(processes, CpuTime::seconds);
    }

    /** What the JVMs' just-in-time compilers used of each process's CPU (see {@link CpuTime#compilerSeconds}). */
    static Map<String, Double> compilerSeconds(Map<String, Long> processes) {
        return secondsOfEach(processes, CpuTime::compilerSeconds);
    }

    private static Map<String, Double> secondsOfEach(Map<String, Long> processes, LongToDoubleFunction seconds) {
        Map<String, Double> each = new LinkedHashMap<>();
        processes.forEach((name, pid) -> each.put(name, seconds.applyAsDouble(pid)));
        return each;
    }

    private void measurePeers(Elasticsearch elasticsearch, long elasticsearchPid, long logs, Path dir, double batchRate)
            throws IOException, InterruptedException {
        Map<String, Object> peers = new LinkedHashMap<>();
        for (PeerShipper shipper : PeerShipper.values()) {
            progress("(g) peer: " + shipper.label() + " (Debian's package, unpacked under $TMPDIR/logflow-servers), "
                    + logs + " JSON lines over TCP into the same Elasticsearch ...");
            PeerRun.Result result;
            try {
                result = PeerRun.measure(shipper, elasticsearch, elasticsearchPid, logs, dir);
            } catch (IOException | IllegalStateException e) { // not fetched, did not start or store: report the rest
                progress("(g) " + shipper.label() + " failed, left out of the summary: " + e.getMessage());
                figures.put("peer_failed_" + shipper.label(), e.getMessage());
                continue;
            }
            peers.put(shipper.label(), ordered(
                    "docs_per_s", round(result.docsPerSecond()),
                    "seconds", round2(result.seconds()),
                    "cpu_us_per_log", round2(result.cpuMicrosPerLog()),
                    "elasticsearch_cpu_us_per_log", round2(result.elasticsearchMicrosPerLog()),
                    "ratio_batch_to_peer", round2(batchRate / result.docsPerSecond()),
                    "per_log", shipper.perLog()));
        }
        figures.put("peers", peers);
    }

    private void measureLoneIngestor(String ingestor, BenchDoor door, Map<String, StageProcess> stages, long kafkaPid,
                                     long elasticsearchPid, Duration duration, Path dir) throws Exception {
        if (!LoneIngestor.possible()) {
            progress("(j) skipped: needs taskset (util-linux) and two cores");
            return;
        }
        progress("(j) the lone ingestor: pinned to core " + LoneIngestor.INGESTOR_CORE + ", Kafka, Elasticsearch and wrk on core "
                + LoneIngestor.OTHER_CORE + ", parser and writer paused; " + duration.toSeconds()
                + " s warm-up, then " + duration.toSeconds() + " s of POST /log from " + SINGLE_LOG_CONNECTIONS
                + " keep-alive connections ...");
        Map<String, Long> elsewhere = new LinkedHashMap<>();
        elsewhere.put("kafka", kafkaPid);
        elsewhere.put("elasticsearch", elasticsearchPid);
        LoneIngestor.Result lone;
        try {
            lone = LoneIngestor.measure(ingestor, door, stages.get("ingestor").pid(), elsewhere,
                    List.of(stages.get("parser").pid(), stages.get("storage-writer").pid()), SINGLE_LOG_CONNECTIONS,
                    duration, dir);
        } catch (IOException e) { // taskset or kill refused: report what was measured before
            progress("(j) failed, left out of the summary: " + e.getMessage());
            figures.put("lone_ingestor_failed", e.getMessage());
            return;
        }
        figures.put("lone_ingestor", ordered(
                "accepted_logs_per_s", round(lone.logsPerSecond()),
                "cpu_us_per_post", round2(lone.cpuMicrosPerPost()),
                "accepted", lone.sent().accepted(),
                "failed_requests", lone.sent().failed(),
                "seconds", round2(lone.seconds()),
                "client", lone.sent().client(),
                "cores_allowed", lone.pinning()));
    }

    /** A map of name, value, name, value, … in that order (the JSON's order). */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** The CPU LogFlow itself used: its three stages and Kafka, not Elasticsearch. */
    static double logflowSeconds(Map<String, Double> cpu) {
        return cpu.entrySet().stream().filter(each -> !each.getKey().equals("elasticsearch"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    static Map<String, Double> perLog(Map<String, Double> seconds, long logs) {
        Map<String, Double> perLog = new LinkedHashMap<>();
        seconds.forEach((process, each) -> perLog.put(process, round2(each * 1e6 / logs)));
        return perLog;
    }

    static Map<String, Double> cpuSince(Map<String, Long> processes, Map<String, Double> before) {
        return since(cpuSeconds(processes), before);
    }

    /** Each process's seconds now less its seconds before. */
    static Map<String, Double> since(Map<String, Double> now, Map<String, Double> before) {
        Map<String, Double> used = new LinkedHashMap<>();
        now.forEach((name, after) -> used.put(name, round2(after - before.get(name))));
        return used;
    }

    static void progress(String message) {
        System.err.println("bench: " + message);
    }

    private static double round(double value) {
        return Math.round(value);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (Exception e) {
            System.err.println("bench: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
