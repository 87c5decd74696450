package io.logflow.bench;

import io.logflow.devstack.Daemon;
import io.logflow.devstack.DebianRsyslog;
import io.logflow.devstack.DebianSyslogNg;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * (g) The peers: shippers from Debian's packages (unpacked, not installed) that take the
 * bench's raw logs as JSON lines over TCP, parse them and write them in bulk to the same
 * Elasticsearch, each configured not to drop what it has read.
 */
enum PeerShipper {

    RSYSLOG("rsyslog") {
        @Override
        Daemon start(Path work, int port, URI elasticsearch, String index) throws IOException, InterruptedException {
            return DebianRsyslog.start(work, """
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
                    """.formatted(work, elasticsearch.getHost(), elasticsearch.getPort(), index, port));
        }
    },
    // flow-control: a full queue stops reading the socket instead of dropping (syslog-ng's default)
    SYSLOG_NG("syslog-ng") {
        @Override
        Daemon start(Path work, int port, URI elasticsearch, String index) throws IOException, InterruptedException {
            return DebianSyslogNg.start(work, """
                    options { stats-freq(0); log-msg-size(65536); };
                    source s_bench { network(ip("127.0.0.1") port(%d) transport("tcp") flags(no-parse)
                                             log-iw-size(20000)); };
                    parser p_json { json-parser(prefix(".json.")); };
                    destination d_elasticsearch {
                      elasticsearch-http(url("%s/_bulk") index("%s") type("") workers(2) batch_lines(2000)
                                         batch_timeout(200) log-fifo-size(200000)
                                         template("$(format-json --key .json.* --rekey .json.* --shift 6)"));
                    };
                    log { source(s_bench); parser(p_json); destination(d_elasticsearch); flags(flow-control); };
                    """.formatted(port, elasticsearch, index));
        }
    };

    private final String label;

    PeerShipper(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** What the peer does for each log, against LogFlow's durable buffer, idempotent ids and normalisation. */
    String perLog() {
        return "queue in memory (lost on a crash); ids from Elasticsearch (a retry stores twice); JSON re-encoded as sent";
    }

    /** Starts the shipper reading JSON lines on TCP {@code port} and writing them to {@code index}. */
    abstract Daemon start(Path work, int port, URI elasticsearch, String index) throws IOException, InterruptedException;
}
