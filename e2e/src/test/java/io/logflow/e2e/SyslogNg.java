package io.logflow.e2e;

import io.logflow.devstack.Daemon;
import io.logflow.devstack.DebianSyslogNg;
import java.io.IOException;
import java.nio.file.Path;

/** Debian's syslog-ng, configured to forward syslog to LogFlow's _bulk door with {@code elasticsearch-http()}. */
final class SyslogNg {

    private SyslogNg() {}

    /**
     * Starts syslog-ng listening for RFC 5424 syslog on TCP {@code inputPort} and sending
     * every message with {@code elasticsearch-http()}'s defaults (its ECS-less
     * {@code format-json} of MESSAGE, PRIORITY, PROGRAM, ISODATE, …) to
     * {@code http://127.0.0.1:elasticsearchPort/_bulk}; times with milliseconds.
     */
    static Daemon start(Path workDir, int inputPort, int elasticsearchPort) throws IOException, InterruptedException {
        return DebianSyslogNg.start(workDir, """
                options { keep-hostname(yes); frac-digits(3); stats-freq(0); };
                source s_logflow { network(ip("127.0.0.1") port(%d) transport("tcp") flags(syslog-protocol)); };
                destination d_logflow {
                  elasticsearch-http(url("http://127.0.0.1:%d/_bulk") index("syslog-ng") type("")
                                     workers(1) batch_lines(100) batch_timeout(200));
                };
                log { source(s_logflow); destination(d_logflow); };
                """.formatted(inputPort, elasticsearchPort));
    }
}
