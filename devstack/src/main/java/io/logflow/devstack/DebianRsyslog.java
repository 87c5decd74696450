package io.logflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's rsyslog with its modules (omelasticsearch, mmjsonparse, …), from
 * {@link DebianPackages}, run in the foreground with a configuration of the caller's:
 * nothing installed system-wide, no privileged port.
 */
public final class DebianRsyslog {

    private static final List<String> PACKAGES = List.of("rsyslog", "rsyslog-elasticsearch", "libestr0", "libfastjson4");
    private static final String LIB = DebianPackages.LIB;

    private DebianRsyslog() {}

    /**
     * Starts rsyslogd on {@code config} (rsyslog.conf's text), with its pid file and output
     * ({@code rsyslogd.out}) in {@code workDir}.
     */
    public static Daemon start(Path workDir, String config) throws IOException, InterruptedException {
        Path root = DebianPackages.unpacked("rsyslog", PACKAGES, LIB + "/rsyslog/omelasticsearch.so");
        Files.createDirectories(workDir);
        Path configFile = Files.writeString(workDir.resolve("rsyslog.conf"), config);
        ProcessBuilder builder = new ProcessBuilder(root.resolve("usr/sbin/rsyslogd").toString(), "-n", "-f",
                configFile.toString(), "-i", workDir.resolve("rsyslogd.pid").toString(),
                "-M", root.resolve(LIB).resolve("rsyslog").toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("rsyslogd.out").toFile());
        builder.environment().put("LD_LIBRARY_PATH", root.resolve(LIB).toString());
        return new Daemon(builder.start());
    }
}
