package io.logflow.core.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A name for one running instance of a stage that stays the same when it restarts on the
 * same host and port. Kafka uses it as the consumer's static group membership (a restarted
 * stage gets its partitions back at once, without a rebalance) and as the parser's
 * transactional id (a restarted parser aborts its predecessor's open transaction at once).
 */
public final class StageInstance {

    private StageInstance() {}

    public static String id(String stage, int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "logflow-" + stage + "-" + host + "-" + port;
    }
}
