package io.logflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * (j) The ingestor alone: pinned to core 0, the Kafka broker, Elasticsearch (still merging
 * what the cases before stored) and the client (wrk) to core 1, the parser and the writer
 * paused (SIGSTOP; the logs wait in Kafka), acks=all as shipped,
 * one log per {@code POST /log} on keep-alive connections for a fixed time after a warm-up.
 * Accepted logs/s, and the ingestor's CPU per request from /proc in the measured window.
 */
final class LoneIngestor {

    static final String INGESTOR_CORE = "0";
    static final String OTHER_CORE = "1";

    /** @param pinning the CPU lists the ingestor's and the others' threads were allowed during the window */
    record Result(SingleLogSender.Result sent, double seconds, double logsPerSecond, double cpuMicrosPerPost,
                  String pinning) {}

    private LoneIngestor() {}

    static boolean possible() {
        return Affinity.available() && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * @param elsewhere the servers that keep running, by name (Kafka, Elasticsearch): on the other core
     * @param paused the pids of the stages that consume from Kafka, stopped for the measurement
     */
    static Result measure(String ingestorUrl, BenchDoor door, long ingestorPid, Map<String, Long> elsewhere,
                          List<Long> paused, int connections, Duration duration, Path dir) throws Exception {
        try {
            Affinity.pin(ingestorPid, INGESTOR_CORE);
            StringBuilder pinning = new StringBuilder("ingestor " + Affinity.allowed(ingestorPid));
            for (Map.Entry<String, Long> server : elsewhere.entrySet()) {
                Affinity.pin(server.getValue(), OTHER_CORE);
                pinning.append(", ").append(server.getKey()).append(' ').append(Affinity.allowed(server.getValue()));
            }
            signal("STOP", paused);
            SingleLogSender.send(ingestorUrl, door, connections, duration, dir, OTHER_CORE); // warm-up
            double cpuBefore = CpuTime.seconds(ingestorPid);
            long started = System.nanoTime();
            SingleLogSender.Result sent = SingleLogSender.send(ingestorUrl, door, connections, duration, dir, OTHER_CORE);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuMicros = (CpuTime.seconds(ingestorPid) - cpuBefore) * 1e6;
            return new Result(sent, seconds, sent.accepted() / seconds, cpuMicros / Math.max(1, sent.accepted()),
                    pinning.toString());
        } finally {
            signal("CONT", paused);
            Affinity.pin(ingestorPid, Affinity.allCores());
            for (long server : elsewhere.values()) {
                Affinity.pin(server, Affinity.allCores());
            }
        }
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        for (long pid : pids) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -" + signal + " " + pid + " failed");
            }
        }
    }
}
