package io.logflow.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's rsyslog with omelasticsearch, run as a foreground process of the test from
 * {@link DebianPackages} (nothing is installed system-wide).
 */
final class Rsyslog {

    private static final List<String> PACKAGES = List.of("rsyslog", "rsyslog-elasticsearch", "libestr0", "libfastjson4");
    private static final String LIB = DebianPackages.LIB;

    private Rsyslog() {}

    /**
     * Starts rsyslogd listening for syslog on TCP {@code inputPort}, forwarding every
     * message with omelasticsearch in bulk mode to {@code elasticsearchPort}, with a
     * template that adds {@code programname} to rsyslog's default fields.
     */
    static Daemon start(Path workDir, int inputPort, int elasticsearchPort) throws IOException, InterruptedException {
        Path root = DebianPackages.unpacked("rsyslog", PACKAGES, LIB + "/rsyslog/omelasticsearch.so");
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
        return new Daemon(builder.start());
    }
}
