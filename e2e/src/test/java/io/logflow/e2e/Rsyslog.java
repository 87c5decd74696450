package io.logflow.e2e;

import io.logflow.devstack.Daemon;
import io.logflow.devstack.DebianRsyslog;
import java.io.IOException;
import java.nio.file.Path;

/** Debian's rsyslog with omelasticsearch, configured to forward syslog to LogFlow's _bulk door. */
final class Rsyslog {

    private Rsyslog() {}

    /**
     * Starts rsyslogd listening for syslog on TCP {@code inputPort}, forwarding every
     * message with omelasticsearch in bulk mode to {@code elasticsearchPort}, with a
     * template that adds {@code programname} to rsyslog's default fields.
     */
    static Daemon start(Path workDir, int inputPort, int elasticsearchPort) throws IOException, InterruptedException {
        return DebianRsyslog.start(workDir, """
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
    }
}
