package io.logflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The four ports a devstack listens on. */
public record Ports(int kafka, int kafkaController, int elasticsearch, int elasticsearchTransport) {

    public static Ports defaults() {
        return new Ports(9092, 9093, 9200, 9300);
    }

    /** Ports free right now, for tests that run beside anything else on the machine. */
    public static Ports free() {
        return new Ports(freePort(), freePort(), freePort(), freePort());
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
