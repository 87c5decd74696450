package io.logflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import io.logflow.devstack.ElasticsearchHome;
import io.logflow.devstack.ElasticsearchNode;
import io.logflow.devstack.Ports;
import io.logflow.devstack.ServerArtifacts;
import io.logflow.devstack.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.HexFormat;

/**
 * {@code bench/run.sh --document=true}: Elasticsearch's own CPU and disk per stored
 * document for each of {@link MappingVariants}, on one node of its own. Every round indexes
 * the same documents (LogFlow's stored form, explicit ids, bulks of 5,000 from 2 clients,
 * as in (a)) into a fresh index per variant, in an order rotated each round, and reads the
 * node's CPU from /proc from the first bulk until the index is refreshed, flushed and its
 * merges are done. Ratios are to the seed's mapping in the same round. Options: {@code --logs=N}
 * (200,000), {@code --rounds=N} (3), {@code --store=elasticsearch-8|...} and
 * {@code --variants=seed,shipped,...} (all).
 */
final class DocumentCost {

    private static final int BULK_SIZE = 5_000;
    private static final int CLIENTS = 2;

    private record Sample(double microsPerDoc, double bytesPerDoc) {}

    private final Elasticsearch elasticsearch;
    private final long pid;
    private final int documents;

    private DocumentCost(Elasticsearch elasticsearch, long pid, int documents) {
        this.elasticsearch = elasticsearch;
        this.pid = pid;
        this.documents = documents;
    }

    static void run(Map<String, String> options) throws Exception {
        Store store = Store.named(options.getOrDefault("store", Store.DEFAULT.id()));
        int documents = Integer.parseInt(options.getOrDefault("logs", "200000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        // beside run.sh's latest.json, not over it
        Path out = Path.of(options.getOrDefault("out", "bench/results/latest.json")).resolveSibling("document.json");
        Path dir = Files.createTempDirectory("logflow-bench-document-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Ports ports = Ports.free();
        progress("starting " + store.title() + " ...");
        try (ElasticsearchNode node = new ElasticsearchNode(store, ElasticsearchHome.extract(
                ServerArtifacts.locate().zip(store), store), dir.resolve("store"), ports.elasticsearch(),
                ports.elasticsearchTransport(), List.of(), Optional.empty());
             Elasticsearch elasticsearch = openAfterStarting(node)) {
            // e.g. --variants=shipped: the seed's is always measured, the base of the ratios
            Map<String, ObjectNode> variants = RotatedRounds.chosen(
                    MappingVariants.all(store.id().startsWith("opensearch")), options, "seed");
            DocumentCost cost = new DocumentCost(elasticsearch, node.pid(), documents);
            Map<String, List<Sample>> samples = cost.measure(variants, rounds);
            report(store, documents, samples, out);
        } finally {
            Benchmark.deleteQuietly(dir);
        }
    }

    private static Elasticsearch openAfterStarting(ElasticsearchNode node) {
        node.start();
        return new Elasticsearch(node.url());
    }

    private Map<String, List<Sample>> measure(Map<String, ObjectNode> variants, int rounds) throws Exception {
        // a fresh Elasticsearch compiles as it goes: one pass is not enough for the first round to be like the others
        progress("warming up: 2 x " + documents + " documents into the seed's mapping (not counted) ...");
        measureOne("doc-warm-up-1", variants.get("seed"));
        measureOne("doc-warm-up-2", variants.get("seed"));
        List<String> names = new ArrayList<>(variants.keySet());
        return RotatedRounds.measure(names, rounds, (name, round) -> {
            Sample sample = measureOne("doc-" + names.indexOf(name) + "-r" + round, variants.get(name));
            progress(String.format("round %d/%d  %-32s %6.1f µs/doc  %6.1f bytes/doc", round, rounds, name,
                    sample.microsPerDoc(), sample.bytesPerDoc()));
            return sample;
        });
    }

    private Sample measureOne(String index, ObjectNode body) throws Exception {
        elasticsearch.send("PUT", "/" + index, Map.of(), Json.mapper().writeValueAsBytes(body));
        List<byte[]> bulks = bulks(index);
        double cpuBefore = CpuTime.seconds(pid);
        ElasticsearchBulkLimit.sendAll(elasticsearch, bulks, CLIENTS);
        elasticsearch.send("POST", "/" + index + "/_refresh", Map.of(), null);
        elasticsearch.send("POST", "/" + index + "/_flush", Map.of(), null);
        awaitMerges(index);
        double cpu = CpuTime.seconds(pid) - cpuBefore;
        long stored = elasticsearch.count(index);
        if (stored != documents) {
            throw new IllegalStateException(stored + " of " + documents + " documents stored in " + index);
        }
        // one segment, and the merged-away ones gone from disk, so that the size is the data's
        elasticsearch.send("POST", "/" + index + "/_forcemerge", Map.of("max_num_segments", "1"), null);
        elasticsearch.send("POST", "/" + index + "/_refresh", Map.of(), null);
        elasticsearch.send("POST", "/" + index + "/_flush", Map.of(), null);
        JsonNode stats = elasticsearch.send("GET", "/" + index + "/_stats/store", Map.of(), null);
        long bytes = stats.path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
        elasticsearch.send("DELETE", "/" + index, Map.of(), null);
        return new Sample(cpu * 1e6 / documents, (double) bytes / documents);
    }

    /**
     * The stored form the writer sends, all built before the clock starts: as {@link BenchLogs#document}, ~20 logs
     * a millisecond, with what a real log has and that one lacks for the sake of the other measurements: the
     * message's own hash, a parse and an index time after the log's, and a correlation id.
     */
    private List<byte[]> bulks(String index) throws Exception {
        Instant start = Instant.parse("2026-11-28T08:00:00Z");
        List<byte[]> bulks = new ArrayList<>();
        for (int first = 0; first < documents; first += BULK_SIZE) {
            ByteArrayOutputStream bulk = new ByteArrayOutputStream();
            for (int n = first; n < Math.min(documents, first + BULK_SIZE); n++) {
                bulk.writeBytes(("{\"create\":{\"_index\":\"" + index + "\",\"_id\":\"bench-0-" + n + "\"}}\n"
                        + document(n, start.plusMillis(n / 20), index) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            bulks.add(bulk.toByteArray());
        }
        return bulks;
    }

    private static String document(int n, Instant timestamp, String index) throws Exception {
        ObjectNode document = (ObjectNode) Json.mapper().readTree(BenchLogs.document(n, timestamp, index));
        document.put("message_hash", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(BenchLogs.message(n).getBytes(StandardCharsets.UTF_8))));
        document.put("processed_at", timestamp.plusMillis(3).toString());
        document.put("indexed_at", timestamp.plusMillis(40 + n % 200).toString());
        document.put("correlation_id", new UUID(n * 0x9E3779B97F4A7C15L, n).toString());
        return Json.mapper().writeValueAsString(document);
    }

    private void awaitMerges(String index) throws Exception {
        for (int waited = 0; waited < 600; waited++) {
            JsonNode stats = elasticsearch.send("GET", "/" + index + "/_stats/merge", Map.of(), null);
            if (stats.path("_all").path("primaries").path("merges").path("current").asLong() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("merges of " + index + " still running after 60 s");
    }

    private static void report(Store store, int documents, Map<String, List<Sample>> samples, Path out) throws Exception {
        List<Sample> seed = samples.get("seed");
        Map<String, Object> figures = new LinkedHashMap<>();
        System.out.printf("%nElasticsearch per stored document (%s, %,d documents a round, %d rounds, %d cores)%n",
                store.title(), documents, seed.size(), Runtime.getRuntime().availableProcessors());
        System.out.printf("  %-32s %12s %12s %14s %14s%n", "mapping", "µs/doc", "bytes/doc", "µs vs seed", "bytes vs seed");
        samples.forEach((name, runs) -> {
            List<Double> cpuRatios = new ArrayList<>();
            List<Double> sizeRatios = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                cpuRatios.add(runs.get(i).microsPerDoc() / seed.get(i).microsPerDoc());
                sizeRatios.add(runs.get(i).bytesPerDoc() / seed.get(i).bytesPerDoc());
            }
            double micros = Median.of(runs.stream().map(Sample::microsPerDoc).toList());
            double bytes = Median.of(runs.stream().map(Sample::bytesPerDoc).toList());
            System.out.printf("  %-32s %12.1f %12.1f %14.2f %14.2f%n", name, micros, bytes, Median.of(cpuRatios),
                    Median.of(sizeRatios));
            figures.put(name, Map.of("micros_per_doc", runs.stream().map(Sample::microsPerDoc).toList(),
                    "bytes_per_doc", runs.stream().map(Sample::bytesPerDoc).toList(),
                    "median_cpu_ratio_to_seed", Median.of(cpuRatios), "median_size_ratio_to_seed", Median.of(sizeRatios)));
        });
        figures.put("store", store.title());
        figures.put("documents_per_round", documents);
        figures.put("date", Instant.now().toString());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n");
        System.out.println("raw figures: " + out + "  (µs and bytes: medians of the rounds; ratios: median of each "
                + "round's ratio to the seed's mapping)");
    }

    private static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
