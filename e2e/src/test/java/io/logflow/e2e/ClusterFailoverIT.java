package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logflow.audit.AuditReport;
import io.logflow.devstack.StageProcess;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * LogFlow on a Kafka cluster of three nodes (topics replicated 3 times, min.insync.replicas
 * 2) and an Elasticsearch cluster of two, with several instances of each stage in processes
 * of their own, under a steady load that alternates between two ingestors. One cluster for
 * the class; each test ends with the audit of everything sent so far.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

    /** a modest load: the machine has two cores, shared with eleven JVMs of this test and others' */
    private static final double LOGS_PER_SECOND = 200;
    /** how long an ingestor waits for Kafka before answering 503 (ingestor.kafka_timeout_ms) */
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** HTTP and scheduling on a busy two-core machine, on top of the deadline */
    private static final Duration SLACK = Duration.ofSeconds(3);
    /** how long a killed server stays dead: longer than Kafka's broker session (9 s), so that it is fenced */
    private static final Duration DEAD_FOR = Duration.ofSeconds(12);
    /**
     * A dead instance's partitions go to the others once its session times out; the default
     * (45 s) would make the test long. Retention on, as several writers run it at once.
     */
    private static final String STAGES_CONFIG = """
            kafka:
              client_properties:
                session.timeout.ms: "10000"
                heartbeat.interval.ms: "2000"
            storage_writer:
              retention_days: 7
            """;
    private static final String EXPIRED_INDEX = "logs-2020.01.01";

    private static ClusterTestStack stack;
    private static List<StageProcess> ingestors;
    /** the stage instances and the load a test started, stopped after it whatever happened */
    private final Deque<AutoCloseable> startedByThisTest = new ArrayDeque<>();

    @BeforeAll
    static void startTheClustersAndTwoIngestors() throws Exception {
        stack = ClusterTestStack.start(Map.of(), STAGES_CONFIG);
        ingestors = startAll(stack.stage("ingestor", "ingestor-1"), stack.stage("ingestor", "ingestor-2"));
    }

    @AfterEach
    void stopWhatTheTestStarted() throws Exception {
        for (AutoCloseable started; (started = startedByThisTest.pollFirst()) != null; ) {
            started.close();
        }
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aBrokerAnElasticsearchNodeAParserAndAWriterDieUnderLoadAndEveryAcceptedLogEndsOnce() throws Exception {
        // two JVMs starting at a time: four at once may not all answer within a minute on a busy machine
        List<StageProcess> parsers = start(stack.stage("parser", "parser-1"), stack.stage("parser", "parser-2"));
        List<StageProcess> writers = start(stack.stage("storage-writer", "writer-1"),
                stack.stage("storage-writer", "writer-2"));
        Load load = startLoad();
        await().atMost(Duration.ofMinutes(1)).until(() -> load.sender.accepted.sum() >= 2_000);

        Fault broker = killAndRestartABroker(load);
        Fault elasticsearch = killAndRestartAnElasticsearchNode();

        long stagesKilledAt = System.currentTimeMillis();
        parsers.getFirst().kill();
        writers.getFirst().kill();
        System.out.println("kill -9 parser-1 and writer-1, not restarted");
        Thread.sleep(DEAD_FOR.toMillis() + 3_000);
        StageProcess thirdWriter = start(stack.stage("storage-writer", "writer-3")).getFirst();
        long thirdWriterAt = System.currentTimeMillis();
        Thread.sleep(15_000);
        Fault stageDeaths = new Fault("parser-1 and writer-1 killed, writer-3 started", stagesKilledAt, thirdWriterAt);
        double acceptedAtTheEnd = load.acceptedPerSecondDuringTheLast(Duration.ofSeconds(10));
        load.stop();
        awaitGreen(elasticsearch);

        AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(3));
        IndexedLatency latency = IndexedLatency.read(stack.elasticsearch().node(1));
        for (Fault fault : List.of(broker, elasticsearch, stageDeaths)) {
            System.out.printf("%s: longest sent-to-indexed %d ms of the logs sent from the fault until 10 s after"
                    + " it was whole again%n", fault.what, latency.longestMillis(fault.startMillis, fault.endMillis + 10_000));
        }
        double indexedAtTheEnd = latency.indexedPerSecond(thirdWriterAt + 5_000, load.stoppedAtMillis);
        long lastLogsLatency = latency.longestMillis(load.stoppedAtMillis - 10_000, load.stoppedAtMillis);
        System.out.printf("at the end: %.0f logs/s accepted, %.0f logs/s indexed (%d logs/s sent); the logs of the"
                + " last 10 s indexed within %d ms%n", acceptedAtTheEnd, indexedAtTheEnd, (int) LOGS_PER_SECOND,
                lastLogsLatency);

        assertBalanced(report, load);
        assertThat(acceptedAtTheEnd).as("accepted logs/s, recovered").isGreaterThan(0.7 * LOGS_PER_SECOND);
        // a rate over a few seconds swings with rebalances and the replica's recovery; a backlog that drains is the
        // test (41 s once in CI, with the rebalance after the third writer still settling; a stuck pipeline takes minutes)
        assertThat(lastLogsLatency).as("the pipeline keeps up again: the last logs' send-to-indexed time, ms")
                .isLessThan(60_000);
        for (StageProcess stage : List.of(parsers.get(1), writers.get(1), thirdWriter)) {
            assertThat(stage.stop()).as("stopped with SIGTERM (143), not killed").isEqualTo(143);
        }
    }

    @Test
    @Order(2)
    void parsersAndWritersComingAndGoingEveryFewSecondsUnderLoadParseNothingTwice() throws Exception {
        assertThat(createIndex(EXPIRED_INDEX)).isEqualTo(200);
        List<StageProcess> first = start(stack.stage("parser", "parser-a"), stack.stage("storage-writer", "writer-a"));
        StageProcess firstParser = first.get(0);
        StageProcess firstWriter = first.get(1);
        Load load = startLoad();
        List<StageProcess> running = new ArrayList<>(List.of(firstParser, firstWriter));
        List<Runnable> changes = List.of(
                () -> running.add(start(stack.stage("parser", "parser-b")).getFirst()),
                () -> running.add(start(stack.stage("storage-writer", "writer-b")).getFirst()),
                () -> stopGracefully(firstParser, running),
                () -> running.add(start(stack.stage("parser", "parser-c")).getFirst()),
                () -> stopGracefully(firstWriter, running),
                () -> running.add(start(stack.stage("storage-writer", "writer-c")).getFirst()),
                () -> stopGracefully(running.getFirst(), running)); // parser-b
        for (Runnable change : changes) {
            Thread.sleep(3_000);
            change.run();
            System.out.printf("%d logs accepted; running: %s%n", load.sender.accepted.sum(), running.size());
        }
        Thread.sleep(5_000);
        load.stop();

        AuditReport report = stack.awaitAuditWithNothingMissing(Duration.ofMinutes(3));
        assertBalanced(report, load);
        assertThat(createIndex(EXPIRED_INDEX)).as("the writers' retention deleted the expired index, so it can be"
                + " created again").isEqualTo(200);
        for (StageProcess stage : running) {
            assertThat(stage.stop()).isEqualTo(143);
        }
    }

    private static void assertBalanced(AuditReport report, Load load) {
        System.out.println("sender: " + load.sender);
        assertThat(report.balanced()).as(report.summary()).isTrue();
        assertThat(report.parsedDuplicateIds()).as("parsed twice").isEmpty();
        assertThat(report.deadLettered()).isZero();
        assertThat(report.accepted()).as("every log answered 200 is in Kafka")
                .isGreaterThanOrEqualTo(load.sender.accepted.sum());
        assertThat(load.sender.other.sum()).as("every request answered 200 or 503").isZero();
        assertThat(load.sender.slowestNanos.get() / 1_000_000).as("the slowest answer, ms")
                .isLessThan(DEADLINE.plus(SLACK).toMillis());
    }

    private static void stopGracefully(StageProcess stage, List<StageProcess> running) {
        running.remove(stage);
        assertThat(stage.stop()).as("SIGTERM: the instance leaves its group and exits (143), not killed").isEqualTo(143);
    }

    /** A fault, from when it was caused until the cluster was whole again (epoch milliseconds). */
    private record Fault(String what, long startMillis, long endMillis) {}

    /** kill -9 the leader of raw_logs' first partition; start it again once the others have fenced it. */
    private static Fault killAndRestartABroker(Load load) throws Exception {
        int victim = stack.leaderOf(stack.config().kafka().topics().raw(), 0);
        long killedAt = System.currentTimeMillis();
        long killedNanos = System.nanoTime();
        stack.kafka().broker(victim).kill();
        System.out.println("kill -9 Kafka node " + victim);
        Thread.sleep(DEAD_FOR.toMillis());
        long firstAcknowledged = load.sender.answers.stream()
                .filter(answer -> answer.status() == 200 && answer.sentNanos() >= killedNanos)
                .mapToLong(answer -> answer.answeredNanos() - killedNanos).min().orElse(Long.MAX_VALUE) / 1_000_000;
        stack.kafka().broker(victim).start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(stack::fullyReplicated);
        long whole = System.currentTimeMillis();
        System.out.printf("Kafka node %d: first log acknowledged %d ms after its death; every replica in sync again"
                + " %d ms after its death%n", victim, firstAcknowledged, whole - killedAt);
        return new Fault("Kafka node " + victim + " killed and restarted", killedAt, whole);
    }

    /**
     * kill -9 the node that is not the master (a two-node cluster cannot lose its master);
     * start it again. The fault ends when the node is back in the cluster: copying the
     * replicas back to it goes on while the next fault happens (on a busy machine it takes
     * minutes), and the cluster must be green before the test ends.
     */
    private static Fault killAndRestartAnElasticsearchNode() throws Exception {
        int victim = stack.elasticsearch().notMaster();
        long killedAt = System.currentTimeMillis();
        stack.elasticsearch().node(victim).kill();
        System.out.println("kill -9 Elasticsearch node " + victim);
        Thread.sleep(DEAD_FOR.toMillis());
        stack.elasticsearch().node(victim).start();
        long back = System.currentTimeMillis();
        System.out.printf("Elasticsearch node %d: back in the cluster %d ms after its death%n", victim, back - killedAt);
        return new Fault("Elasticsearch node " + victim + " killed and restarted", killedAt, back);
    }

    private static void awaitGreen(Fault elasticsearch) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .until(() -> stack.elasticsearch().health(1).equals("green"));
        System.out.printf("Elasticsearch green again %d ms after the node's death%n",
                System.currentTimeMillis() - elasticsearch.startMillis);
    }

    /** {@link #startAll}, the instances stopped after this test. */
    private List<StageProcess> start(StageProcess... stages) {
        List.of(stages).forEach(startedByThisTest::push);
        return startAll(stages);
    }

    private Load startLoad() {
        Load load = Load.start(ingestors);
        startedByThisTest.push(load);
        return load;
    }

    /** Starts the instances at once (each takes seconds on a busy machine) and returns them when all are healthy. */
    private static List<StageProcess> startAll(StageProcess... stages) {
        List<Future<StageProcess>> started = new ArrayList<>();
        try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StageProcess stage : stages) {
                started.add(starting.submit(stage::start));
            }
        } // waits for every start
        return started.stream().map(ClusterFailoverIT::startedOrThrown).toList();
    }

    private static StageProcess startedOrThrown(Future<StageProcess> start) {
        try {
            return start.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int createIndex(String index) throws IOException, InterruptedException {
        var node = stack.elasticsearch().node(1);
        return node.httpClient().send(node.request("/" + index).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The steady load: logs sent in turn to each ingestor, at {@link #LOGS_PER_SECOND}, until stopped. */
    private static final class Load implements AutoCloseable {

        final LogSender sender;
        private final Thread thread;
        long stoppedAtMillis;

        private Load(LogSender sender, Thread thread) {
            this.sender = sender;
            this.thread = thread;
        }

        static Load start(List<StageProcess> ingestors) {
            LogSender sender = new LogSender(ingestors.stream().map(i -> "http://127.0.0.1:" + i.port()).toList());
            Thread thread = Thread.ofPlatform().name("load").start(() -> {
                try {
                    sender.send(Long.MAX_VALUE, 32, LOGS_PER_SECOND);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return new Load(sender, thread);
        }

        double acceptedPerSecondDuringTheLast(Duration window) {
            long since = System.nanoTime() - window.toNanos();
            return sender.answers.stream().filter(a -> a.status() == 200 && a.answeredNanos() >= since).count()
                    / (double) window.toSeconds();
        }

        void stop() throws InterruptedException {
            sender.stop();
            thread.join();
            stoppedAtMillis = System.currentTimeMillis();
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }
    }
}
