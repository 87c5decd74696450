package io.logflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's syslog-ng with its {@code elasticsearch-http()} destination (the http module
 * and the configuration library's block), from {@link DebianPackages}, run in the
 * foreground with its own persist file, control socket and pid file: nothing
 * system-wide, no privileged port.
 */
public final class DebianSyslogNg {

    /** libivykis0 and libpcre3 are what a machine with rsyslog's dependencies lacks. */
    private static final List<String> PACKAGES = List.of("syslog-ng-core", "syslog-ng-mod-http", "syslog-ng-scl",
            "libivykis0", "libpcre3");
    private static final String VERSION = "3.38";
    private static final String MODULES = "usr/lib/syslog-ng/" + VERSION;

    private DebianSyslogNg() {}

    /**
     * Starts syslog-ng on {@code config} (sources, destinations and log paths; the version
     * line and {@code elasticsearch-http()}'s block are put before it), with its output
     * ({@code syslog-ng.out}) in {@code workDir}.
     */
    public static Daemon start(Path workDir, String config) throws IOException, InterruptedException {
        Path root = DebianPackages.unpacked("syslog-ng", PACKAGES, MODULES + "/libhttp.so");
        Files.createDirectories(workDir);
        Path configFile = Files.writeString(workDir.resolve("syslog-ng.conf"), "@version: " + VERSION + "\n@include \""
                + root.resolve("usr/share/syslog-ng/include/scl/elasticsearch/elastic-http.conf") + "\"\n" + config);
        ProcessBuilder builder = new ProcessBuilder(root.resolve("usr/sbin/syslog-ng").toString(), "--foreground",
                "--stderr", "--cfgfile=" + configFile, "--module-path=" + root.resolve(MODULES),
                "--persist-file=" + workDir.resolve("syslog-ng.persist"), "--control=" + workDir.resolve("syslog-ng.ctl"),
                "--pidfile=" + workDir.resolve("syslog-ng.pid"))
                .redirectErrorStream(true).redirectOutput(workDir.resolve("syslog-ng.out").toFile());
        builder.environment().put("LD_LIBRARY_PATH", String.join(":", root.resolve("usr/lib/syslog-ng").toString(),
                root.resolve(DebianPackages.LIB).toString(), root.resolve("lib/x86_64-linux-gnu").toString()));
        return new Daemon(builder.start());
    }
}
