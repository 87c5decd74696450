package io.logflow.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's rsyslog with omelasticsearch, run as a foreground process of the test: the
 * packages are fetched with {@code apt-get download} and unpacked with {@code dpkg -x}
 * once (under {@code $TMPDIR/logflow-servers/rsyslog}), nothing is installed system-wide.
 */
final class Rsyslog implements AutoCloseable {

    private static final List<String> PACKAGES = List.of("rsyslog", "rsyslog-elasticsearch", "libestr0", "libfastjson4");
    private static final String LIB = "usr/lib/x86_64-linux-gnu";

    private final Process process;

    private Rsyslog(Process process) {
        this.process = process;
    }

    /** The unpacked packages, fetched the first time. */
    static Path unpacked() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "logflow-servers", "rsyslog");
        if (Files.exists(root.resolve(LIB).resolve("rsyslog/omelasticsearch.so"))) {
            return root;
        }
        Path debs = Files.createDirectories(root.resolveSibling("rsyslog-debs"));
        run(debs, Stream.concat(Stream.of("apt-get", "download"), PACKAGES.stream()).toList());
        try (var files = Files.list(debs)) {
            for (Path deb : files.filter(path -> path.toString().endsWith(".deb")).toList()) {
                run(debs, List.of("dpkg", "-x", deb.toString(), root.toString()));
            }
        }
        return root;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(command + " failed: " + output);
        }
    }

    /**
     * Starts rsyslogd listening for syslog on TCP {@code inputPort}, forwarding every
     * message with omelasticsearch in bulk mode to {@code elasticsearchPort}, with a
     * template that adds {@code programname} to rsyslog's default fields.
     */
    static Rsyslog start(Path workDir, int inputPort, int elasticsearchPort) throws IOException, InterruptedException {
        Path root = unpacked();
        Path modules = root.resolve(LIB).resolve("rsyslog");
        Files.createDirectories(workDir);
        Path config = workDir.resolve("rsyslog.conf");
        Files.writeString(config, """
                global(workDirectory="%s")
                module(load="imtcp")
                module(load="omelasticsearch")
                template(name="logflow" type="list" option.jsonf="on") {
                  property(outname="message" name="msg" format="jsonf")
                  property(outname="fromhost" name="hostname" format="jsonf")
                  property(outname="priority" name="syslogpriority-text" format="jsonf")
                  property(outname="facility" name="syslogfacility-text" format="jsonf")
                  property(outname="programname" name="programname" format="jsonf")
                  property(outname="timereported" name="timereported" dateFormat="rfc3339" format="jsonf")
                }
                ruleset(name="to-logflow") {
                  action(type="omelasticsearch" server="127.0.0.1" serverport="%d" searchIndex="syslog"
                         template="logflow" bulkmode="on" maxbytes="1m"
                         action.resumeRetryCount="-1" action.resumeInterval="1")
                }
                input(type="imtcp" port="%d" ruleset="to-logflow")
                """.formatted(workDir, elasticsearchPort, inputPort));
        ProcessBuilder builder = new ProcessBuilder(root.resolve("usr/sbin/rsyslogd").toString(), "-n", "-f",
                config.toString(), "-i", workDir.resolve("rsyslogd.pid").toString(), "-M", modules.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("rsyslogd.out").toFile());
        builder.environment().put("LD_LIBRARY_PATH", root.resolve(LIB).toString());
        return new Rsyslog(builder.start());
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: rsyslog flushes its queue
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
