package io.logflow.bench;

import io.logflow.devstack.Ports;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * (g) A peer on the same machine and the same Elasticsearch: rsyslog (Debian's package, with
 * omelasticsearch) taking the same raw logs as JSON lines over TCP and writing them in bulk,
 * from the first byte sent until the last document is searchable. It has no queue that
 * survives a crash and lets Elasticsearch choose the ids, so it does less than LogFlow.
 */
final class RsyslogPeer {

    static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final String INDEX = "peer-rsyslog";

    private RsyslogPeer() {}

    static boolean installed() {
        return Files.isExecutable(RSYSLOGD) && Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/omelasticsearch.so"));
    }

    static double docsPerSecond(Elasticsearch elasticsearch, long logs, Path dir)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("rsyslog"));
        int port = Ports.freePort();
        URI es = elasticsearch.uri();
        Path config = work.resolve("rsyslog.conf");
        Files.writeString(config, """
                global(workDirectory="%s" maxMessageSize="64k")
                module(load="imtcp")
                module(load="mmjsonparse")
                module(load="omelasticsearch")
                template(name="document" type="subtree" subtree="$!")
                ruleset(name="logs" queue.type="LinkedList" queue.size="200000" queue.dequeueBatchSize="2000"
                        queue.workerThreads="2") {
                  action(type="mmjsonparse" cookie="" useRawMsg="on")
                  action(type="omelasticsearch" server="%s" serverport="%d" searchIndex="%s" template="document"
                         esVersion.major="8" bulkmode="on" maxbytes="8m" action.resumeRetryCount="-1"
                         queue.type="LinkedList" queue.size="200000" queue.dequeueBatchSize="2000")
                }
                input(type="imtcp" address="127.0.0.1" port="%d" ruleset="logs")
                """.formatted(work, es.getHost(), es.getPort(), INDEX, port));
        Process rsyslog = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", config.toString(),
                "-i", work.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("rsyslogd.out").toFile()).start();
        try {
            Socket socket = connect(port, rsyslog);
            Instant timestamp = Instant.now();
            long started = System.nanoTime();
            try (socket; OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
                for (long n = 0; n < logs; n++) {
                    out.write((BenchLogs.raw(n, timestamp) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            long searchable = elasticsearch.awaitCount(INDEX, logs, Duration.ofMinutes(3));
            return logs / ((searchable - started) / 1e9);
        } finally {
            rsyslog.destroy();
            if (!rsyslog.waitFor(10, TimeUnit.SECONDS)) {
                rsyslog.destroyForcibly();
            }
            elasticsearch.send("DELETE", "/" + INDEX, Map.of(), null);
        }
    }

    private static Socket connect(int port, Process rsyslog) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException notYet) {
                if (!rsyslog.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("rsyslogd did not listen on port " + port + " (exit "
                            + (rsyslog.isAlive() ? "none" : rsyslog.exitValue()) + ")", notYet);
                }
                Thread.sleep(100);
            }
        }
    }
}
