package io.logflow.bench;

import io.logflow.devstack.Daemon;
import io.logflow.devstack.Ports;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * (g) One peer on the same machine and the same Elasticsearch, taking the same raw logs as
 * JSON lines over one TCP connection: from the first byte sent until the last document is
 * searchable, with the CPU the peer and Elasticsearch used in that window (/proc).
 */
final class PeerRun {

    /** @param cpuMicrosPerLog the peer's own; {@code elasticsearchMicrosPerLog} Elasticsearch's in the same window */
    record Result(double docsPerSecond, double seconds, double cpuMicrosPerLog, double elasticsearchMicrosPerLog) {}

    private PeerRun() {}

    static Result measure(PeerShipper shipper, Elasticsearch elasticsearch, long elasticsearchPid, long logs, Path dir)
            throws IOException, InterruptedException {
        String index = "peer-" + shipper.label();
        int port = Ports.freePort();
        Path work = dir.resolve(shipper.label());
        try (Daemon daemon = shipper.start(work, port, elasticsearch.uri(), index)) {
            Socket socket = connect(port, daemon, shipper.label(), work);
            double peerBefore = CpuTime.seconds(daemon.pid());
            double elasticsearchBefore = CpuTime.seconds(elasticsearchPid);
            Instant timestamp = Instant.now();
            long started = System.nanoTime();
            try (socket; OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
                for (long n = 0; n < logs; n++) {
                    out.write((BenchLogs.raw(n, timestamp) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            long searchable = elasticsearch.awaitCount(index, logs, Duration.ofMinutes(3));
            double seconds = (searchable - started) / 1e9;
            return new Result(logs / seconds, seconds, (CpuTime.seconds(daemon.pid()) - peerBefore) * 1e6 / logs,
                    (CpuTime.seconds(elasticsearchPid) - elasticsearchBefore) * 1e6 / logs);
        } finally {
            elasticsearch.send("DELETE", "/" + index, Map.of("ignore_unavailable", "true"), null);
        }
    }

    private static Socket connect(int port, Daemon daemon, String label, Path work)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException notYet) {
                if (!daemon.alive() || System.nanoTime() > deadline) {
                    throw new IOException(label + " did not listen on port " + port + " (exit "
                            + (daemon.alive() ? "none" : daemon.process().exitValue()) + "); it said: " + output(work),
                            notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /** The end of what the daemon wrote (its *.out file). */
    private static String output(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            StringBuilder said = new StringBuilder();
            for (Path out : files.filter(file -> file.toString().endsWith(".out")).toList()) {
                said.append(Files.readString(out));
            }
            return said.length() <= 2_000 ? said.toString() : "…" + said.substring(said.length() - 2_000);
        }
    }
}
