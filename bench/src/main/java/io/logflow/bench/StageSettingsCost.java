package io.logflow.bench;

import io.logflow.core.json.Json;
import io.logflow.devstack.DevStack;
import io.logflow.devstack.Ports;
import io.logflow.devstack.ServerArtifacts;
import io.logflow.devstack.StageProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code bench/run.sh --settings=true}: LogFlow's CPU per log (three stages and the broker)
 * and each stage's peak resident memory for each of {@link #VARIANTS} of the stages' settings
 * — Kafka client properties, given to every stage as {@code kafka.client_properties}, or the
 * stages' JVM options in place of {@code jvm/stage*.options}. Measured as (c) is: NDJSON
 * batches of 1,000 from 4 clients, CPU from /proc, from the first request until the last
 * log is searchable. Every round starts the stages afresh with each variant in an order
 * rotated each round (on the same ports, so that each takes its predecessor's place in the
 * consumer groups at once) and warms them up before measuring; a first round of the shipped
 * settings, not counted, warms up the broker. Ratios are to the shipped
 * settings in the same round. Options: {@code --logs=N} (200,000), {@code --warm-up=N} (a
 * quarter of the logs), {@code --rounds=N} (3), {@code --variants=shipped,...} (all).
 */
final class StageSettingsCost {

    /**
     * @param clientProperties {@code kafka.client_properties} of every stage
     * @param jvmOptions       the stages' JVM options, or none for the shipped ones
     */
    record Variant(Map<String, String> clientProperties, List<String> jvmOptions) {}

    /** "shipped" is LogFlow's own and the base of the ratios. */
    static final Map<String, Variant> VARIANTS = variants();

    private static Map<String, Variant> variants() {
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("shipped", new Variant(Map.of(), List.of()));
        variants.put("no compression", new Variant(Map.of("compression.type", "none"), List.of()));
        variants.put("zstd", new Variant(Map.of("compression.type", "zstd"), List.of()));
        variants.put("linger 20 ms", new Variant(Map.of("linger.ms", "20"), List.of()));
        // a consumer's fetch waits for 256 KB (or 50 ms): fewer, fuller polls, so fewer transactions and bulks
        variants.put("fetch 256 KB", new Variant(Map.of("fetch.min.bytes", "262144", "fetch.max.wait.ms", "50"),
                List.of()));
        // what a consumer fetches ahead is held on the heap until polled: a quarter of Kafka's default per partition
        variants.put("prefetch 256 KB", new Variant(Map.of("max.partition.fetch.bytes", "262144"), List.of()));
        // also the shipped options without the JIT compilers' memory cap
        variants.put("heap 80 MB", new Variant(Map.of(), List.of("-XX:+UseSerialGC", "-Xmx80m", "-XX:NewRatio=1")));
        variants.put("heap 96 MB", new Variant(Map.of(), List.of("-XX:+UseSerialGC", "-Xmx96m", "-XX:NewRatio=1")));
        // NIO keeps a per-thread direct copy of the largest buffer a socket read or wrote: Kafka's fetches are MBs
        variants.put("nio cache 256 KB", new Variant(Map.of(), List.of("-XX:+UseSerialGC", "-Xmx64m",
                "-XX:NewRatio=1", "-Djdk.nio.maxCachedBufferSize=262144")));
        variants.put("compact headers", new Variant(Map.of(), List.of("-XX:+UseSerialGC", "-Xmx64m",
                "-XX:NewRatio=1", "-XX:+UseCompactObjectHeaders")));
        // what a bulk holds while Elasticsearch indexes it outlives a young collection: room for it there
        variants.put("survivors 5 MB", new Variant(Map.of(), List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:NewRatio=1",
                "-XX:SurvivorRatio=4")));
        // the JIT compilers' memory: C2 not at all, or at most 16 MB a method (shipped: 8 MB, stage-jdk22.options)
        variants.put("C1 only", new Variant(Map.of(), List.of("-XX:+UseSerialGC", "-Xmx80m", "-XX:NewRatio=1",
                "-XX:TieredStopAtLevel=1")));
        variants.put("JIT memory 16 MB", new Variant(Map.of(), List.of("-XX:+UseSerialGC", "-Xmx80m", "-XX:NewRatio=1",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=MemLimit,*.*,16m")));
        // the shipped options without glibc giving freed native memory back every second
        variants.put("no trim", new Variant(Map.of(), List.of("-XX:+UseSerialGC", "-Xmx80m", "-XX:NewRatio=1",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=MemLimit,*.*,8m")));
        return variants;
    }

    /** @param compilerMicrosPerLog what the JIT compilers used of {@code microsPerLog} */
    private record Sample(double logsPerSecond, Map<String, Double> microsPerLog,
                          Map<String, Double> compilerMicrosPerLog, Map<String, Double> peakRssMb) {
        double logflow() {
            return Benchmark.logflowSeconds(microsPerLog);
        }

        double compilers() {
            return Benchmark.logflowSeconds(compilerMicrosPerLog);
        }
    }

    private final DevStack stack;
    private final Path distribution;
    private final Path dir;
    private final Elasticsearch elasticsearch;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final long logs;
    private final long warmUpLogs;
    private long stored;

    private StageSettingsCost(DevStack stack, Path distribution, Path dir, Elasticsearch elasticsearch, long logs,
                              long warmUpLogs) {
        this.stack = stack;
        this.distribution = distribution;
        this.dir = dir;
        this.elasticsearch = elasticsearch;
        this.logs = logs;
        this.warmUpLogs = warmUpLogs;
        Benchmark.STAGES.forEach(stage -> ports.put(stage, Ports.freePort()));
    }

    static void run(Map<String, String> options) throws Exception {
        long logs = Long.parseLong(options.getOrDefault("logs", "200000"));
        long warmUpLogs = Long.parseLong(options.getOrDefault("warm-up", Long.toString(logs / 4)));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        // the shipped settings are always measured, the base of the ratios
        Map<String, Variant> variants = RotatedRounds.chosen(VARIANTS, options, "shipped");
        Path distribution = Path.of(options.getOrDefault("distribution", "cli/target"));
        // beside run.sh's latest.json, not over it
        Path out = Path.of(options.getOrDefault("out", "bench/results/latest.json")).resolveSibling("settings.json");
        Path dir = Files.createTempDirectory("logflow-bench-settings-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (DevStack stack = DevStack.start(ServerArtifacts.locate(), dir, Ports.free(),
                List.of("raw_logs", "parsed_logs", "raw_logs_dlq", "parsed_logs_dlq"), 3, List.of(),
                message -> Benchmark.progress("devstack: " + message));
             Elasticsearch elasticsearch = new Elasticsearch(stack.elasticsearchUrl())) {
            StageSettingsCost cost = new StageSettingsCost(stack, distribution, dir, elasticsearch, logs, warmUpLogs);
            report(logs, cost.measure(variants, rounds), out);
        } finally {
            Benchmark.deleteQuietly(dir);
        }
    }

    private Map<String, List<Sample>> measure(Map<String, Variant> variants, int rounds) throws Exception {
        // a fresh broker compiles as it goes: its CPU per log halved over the first rounds when it was not warmed up
        Benchmark.progress("warming up: the shipped settings once (not counted) ...");
        measureOne("shipped", variants.get("shipped"));
        return RotatedRounds.measure(new ArrayList<>(variants.keySet()), rounds, (name, round) -> {
            Sample sample = measureOne(name, variants.get(name));
            Benchmark.progress(String.format("round %d/%d  %-16s %8.0f logs/s  %6.1f µs/log  %s  JIT %s  peak RSS MB %s",
                    round, rounds, name, sample.logsPerSecond(), sample.logflow(), sample.microsPerLog(),
                    sample.compilerMicrosPerLog(), sample.peakRssMb()));
            return sample;
        });
    }

    private Sample measureOne(String name, Variant variant) throws Exception {
        Path config = dir.resolve("settings-variant.yaml");
        Files.writeString(config, Json.mapper().writeValueAsString(
                Map.of("kafka", Map.of("client_properties", variant.clientProperties()))));
        Benchmark.progress("starting the stages with the settings '" + name + "' ...");
        Map<String, StageProcess> stages = Benchmark.startStages(stack, distributionFor(variant), dir,
                BenchDoor.open(), ports, List.of("--config", config.toString()));
        try {
            String ingestor = BenchDoor.open().url(stages.get("ingestor").port());
            // fresh JVMs compile as they go: logs first, not counted
            send(ingestor, warmUpLogs);
            Map<String, Long> processes = new LinkedHashMap<>();
            stages.forEach((stage, process) -> processes.put(stage, process.pid()));
            processes.put("kafka", stack.kafka().pid());
            Map<String, Double> cpuBefore = Benchmark.cpuSeconds(processes);
            Map<String, Double> compilersBefore = Benchmark.compilerSeconds(processes);
            long started = System.nanoTime();
            long searchable = send(ingestor, logs);
            Map<String, Double> perLog = Benchmark.perLog(Benchmark.cpuSince(processes, cpuBefore), logs);
            Map<String, Double> compilerPerLog = Benchmark.perLog(
                    Benchmark.since(Benchmark.compilerSeconds(processes), compilersBefore), logs);
            Map<String, Double> peakRss = new LinkedHashMap<>();
            for (Map.Entry<String, StageProcess> stage : stages.entrySet()) {
                peakRss.put(stage.getKey(), PeakRss.megabytes(stage.getValue().pid()));
            }
            return new Sample(logs / ((searchable - started) / 1e9), perLog, compilerPerLog, peakRss);
        } finally {
            stages.values().forEach(StageProcess::stop);
        }
    }

    /** The distribution itself, or a copy of it whose {@code jvm/stage*.options} are the variant's. */
    private Path distributionFor(Variant variant) throws IOException {
        if (variant.jvmOptions().isEmpty()) {
            return distribution;
        }
        Path copy = dir.resolve("distribution-" + Integer.toHexString(variant.jvmOptions().hashCode()));
        if (!Files.exists(copy)) {
            Files.createDirectories(copy.resolve("jvm"));
            Files.createSymbolicLink(copy.resolve("logflow-cli.jar"), distribution.toAbsolutePath().resolve("logflow-cli.jar"));
            Files.createSymbolicLink(copy.resolve("lib"), distribution.toAbsolutePath().resolve("lib"));
            Files.write(copy.resolve("jvm/stage.options"), variant.jvmOptions());
            Files.write(copy.resolve("jvm/stage-jdk22.options"), List.of()); // a variant's options are all of them
        }
        return copy;
    }

    /** @return when the last of them was searchable ({@link System#nanoTime()}) */
    private long send(String ingestor, long count) throws Exception {
        new BatchSender(ingestor, BenchDoor.open()).send(stored, count, 1_000, 4, 0);
        stored += count;
        return elasticsearch.awaitCount(Benchmark.STORED_LOGS, stored, Duration.ofMinutes(4));
    }

    private static void report(long logs, Map<String, List<Sample>> samples, Path out) throws Exception {
        List<Sample> shipped = samples.get("shipped");
        Map<String, Object> figures = new LinkedHashMap<>();
        System.out.printf("%nLogFlow's CPU per log and the stages' peak RSS per setting (%,d logs a round, %d rounds, %d cores)%n",
                logs, shipped.size(), Runtime.getRuntime().availableProcessors());
        System.out.printf("  %-16s %8s %8s %9s %8s %8s %8s %6s %11s %16s%n", "settings", "logs/s", "µs/log",
                "ingestor", "parser", "writer", "kafka", "JIT", "vs shipped", "peak RSS MB i/p/w");
        samples.forEach((name, runs) -> {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                ratios.add(runs.get(i).logflow() / shipped.get(i).logflow());
            }
            System.out.printf("  %-16s %8.0f %8.1f %9.1f %8.1f %8.1f %8.1f %6.1f %11.2f %6.0f/%.0f/%.0f%n", name,
                    Median.of(runs.stream().map(Sample::logsPerSecond).toList()),
                    Median.of(runs.stream().map(Sample::logflow).toList()),
                    medianOf(runs, Sample::microsPerLog, "ingestor"), medianOf(runs, Sample::microsPerLog, "parser"),
                    medianOf(runs, Sample::microsPerLog, "storage-writer"), medianOf(runs, Sample::microsPerLog, "kafka"),
                    Median.of(runs.stream().map(Sample::compilers).toList()), Median.of(ratios), medianOf(runs, Sample::peakRssMb, "ingestor"),
                    medianOf(runs, Sample::peakRssMb, "parser"), medianOf(runs, Sample::peakRssMb, "storage-writer"));
            Variant variant = VARIANTS.get(name);
            figures.put(name, Map.of("client_properties", variant.clientProperties(),
                    "jvm_options", variant.jvmOptions().isEmpty() ? "shipped" : variant.jvmOptions(),
                    "logs_per_s", runs.stream().map(Sample::logsPerSecond).map(Math::round).toList(),
                    "cpu_us_per_log", runs.stream().map(Sample::microsPerLog).toList(),
                    "compiler_cpu_us_per_log", runs.stream().map(Sample::compilerMicrosPerLog).toList(),
                    "peak_rss_mb", runs.stream().map(Sample::peakRssMb).toList(),
                    "median_ratio_to_shipped", Median.of(ratios)));
        });
        figures.put("logs_per_round", logs);
        figures.put("date", Instant.now().toString());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n");
        System.out.println("raw figures: " + out + "  (logs/s and µs: medians of the rounds; ratios: median of each "
                + "round's ratio to the shipped settings)");
    }

    private static double medianOf(List<Sample> runs, Function<Sample, Map<String, Double>> figure, String process) {
        return Median.of(runs.stream().map(run -> figure.apply(run).get(process)).toList());
    }
}
