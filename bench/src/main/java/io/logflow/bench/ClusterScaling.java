package io.logflow.bench;

import io.logflow.cli.ClusterDevStack;
import io.logflow.core.config.ConfigLoader;
import io.logflow.devstack.ClusterPorts;
import io.logflow.devstack.Ports;
import io.logflow.devstack.StageProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench/cluster.sh}: how the rate of the parsers and writers grows with their number,
 * on the cluster devstack (3 Kafka nodes, topics replicated 3 times; 2 Elasticsearch nodes,
 * one replica). For 1, 2 and 3 instances of each: a backlog of logs is put into
 * {@code raw_logs} through one ingestor while no parser or writer runs; then the instances
 * start, and the rate at which they store the backlog is measured from the moment all are
 * up until the last log is searchable.
 */
public final class ClusterScaling {

    private ClusterScaling() {}

    public static void main(String[] args) throws Exception {
        long logs = args.length > 0 ? Long.parseLong(args[0]) : 60_000;
        Path distribution = Path.of(args.length > 1 ? args[1] : "cli/target");
        Path dir = Files.createTempDirectory("logflow-cluster-bench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (ClusterDevStack cluster = ClusterDevStack.start(ConfigLoader.defaultsWith(Map.of()), dir,
                ClusterPorts.free(3, 2), message -> progress("cluster devstack: " + message));
             Elasticsearch elasticsearch = new Elasticsearch(cluster.servers().elasticsearchUrls())) {
            StageProcess ingestor = stage(cluster, distribution, dir, "ingestor", "ingestor").start();
            BatchSender sender = new BatchSender(BenchDoor.open().url(ingestor.port()), BenchDoor.open());
            long sent = 0;
            for (int instances = 1; instances <= 3; instances++) {
                progress(logs + " logs into raw_logs, no parser or writer running ...");
                sent = sender.send(sent, logs, 1_000, 4, 0); // the sender counts what it sent so far
                List<StageProcess> stages = new ArrayList<>();
                for (int n = 1; n <= instances; n++) {
                    stages.add(stage(cluster, distribution, dir, "parser", "parser-" + instances + "-" + n));
                    stages.add(stage(cluster, distribution, dir, "storage-writer", "writer-" + instances + "-" + n));
                }
                startAll(stages);
                long from = System.nanoTime();
                long storedBefore = elasticsearch.count(Benchmark.STORED_LOGS, Duration.ofMinutes(1));
                long until = elasticsearch.awaitCount(Benchmark.STORED_LOGS, sent, Duration.ofMinutes(5));
                double rate = (sent - storedBefore) / ((until - from) / 1e9);
                System.out.printf("%d parser(s) + %d writer(s): %,.0f logs/s (%,d logs of the backlog stored after all"
                        + " were up)%n", instances, instances, rate, sent - storedBefore);
                stages.forEach(StageProcess::stop);
            }
        } finally {
            Benchmark.deleteQuietly(dir);
        }
    }

    private static StageProcess stage(ClusterDevStack cluster, Path distribution, Path dir, String role, String name) {
        int port = Ports.freePort();
        Map<String, String> environment = new HashMap<>(Map.of(
                "KAFKA_BROKERS", cluster.servers().bootstrapServers(),
                "ELASTICSEARCH_URL", cluster.servers().elasticsearchUrls(),
                role.toUpperCase().replace('-', '_') + "_HTTP_PORT", Integer.toString(port)));
        return cluster.servers().closeFirst(new StageProcess(distribution, role, List.of(), name, port, environment, dir));
    }

    private static void startAll(List<StageProcess> stages) {
        progress("starting " + stages.size() + " instances ...");
        List<Future<StageProcess>> started;
        try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
            started = stages.stream().map(stage -> starting.submit(stage::start)).toList();
        } // waits for every start
        started.forEach(Future::resultNow);
    }

    private static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
