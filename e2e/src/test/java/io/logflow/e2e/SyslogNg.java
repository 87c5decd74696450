package io.logflow.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's syslog-ng with its {@code elasticsearch-http()} destination (the http module
 * and the configuration library's block), run in the foreground as a process of the test
 * from {@link DebianPackages}, with its own persist file, control socket and pid file:
 * nothing system-wide, no privileged port.
 */
final class SyslogNg {

    /** libivykis0 and libpcre3 are what a machine with rsyslog's dependencies lacks. */
    private static final List<String> PACKAGES = List.of("syslog-ng-core", "syslog-ng-mod-http", "syslog-ng-scl",
            "libivykis0", "libpcre3");
    private static final String MODULES = "usr/lib/syslog-ng/3.38";

    private SyslogNg() {}

    /**
     * Starts syslog-ng listening for RFC 5424 syslog on TCP {@code inputPort} and sending
     * every message with {@code elasticsearch-http()}'s defaults (its ECS-less
     * {@code format-json} of MESSAGE, PRIORITY, PROGRAM, ISODATE, …) to
     * {@code http://127.0.0.1:elasticsearchPort/_bulk}; times with milliseconds.
     */
    static Daemon start(Path workDir, int inputPort, int elasticsearchPort) throws IOException, InterruptedException {
        Path root = DebianPackages.unpacked("syslog-ng", PACKAGES, MODULES + "/libhttp.so");
        Files.createDirectories(workDir);
        Path config = workDir.resolve("syslog-ng.conf");
        Files.writeString(config, """
                @version: 3.38
                @include "%s"
                options { keep-hostname(yes); frac-digits(3); stats-freq(0); };
                source s_logflow { network(ip("127.0.0.1") port(%d) transport("tcp") flags(syslog-protocol)); };
                destination d_logflow {
                  elasticsearch-http(url("http://127.0.0.1:%d/_bulk") index("syslog-ng") type("")
                                     workers(1) batch_lines(100) batch_timeout(200));
                };
                log { source(s_logflow); destination(d_logflow); };
                """.formatted(root.resolve("usr/share/syslog-ng/include/scl/elasticsearch/elastic-http.conf"),
                inputPort, elasticsearchPort));
        ProcessBuilder builder = new ProcessBuilder(root.resolve("usr/sbin/syslog-ng").toString(), "--foreground",
                "--stderr", "--cfgfile=" + config, "--module-path=" + root.resolve(MODULES),
                "--persist-file=" + workDir.resolve("syslog-ng.persist"), "--control=" + workDir.resolve("syslog-ng.ctl"),
                "--pidfile=" + workDir.resolve("syslog-ng.pid"))
                .redirectErrorStream(true).redirectOutput(workDir.resolve("syslog-ng.out").toFile());
        builder.environment().put("LD_LIBRARY_PATH", String.join(":", root.resolve("usr/lib/syslog-ng").toString(),
                root.resolve(DebianPackages.LIB).toString(), root.resolve("lib/x86_64-linux-gnu").toString()));
        return new Daemon(builder.start());
    }
}
