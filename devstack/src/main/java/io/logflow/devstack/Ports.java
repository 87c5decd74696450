package io.logflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The four ports a devstack listens on. */
public record Ports(int kafka, int kafkaController, int elasticsearch, int elasticsearchTransport) {

    /** The ports {@code logflow up} derives from the Kafka and Elasticsearch ports it is given. */
    public static Ports around(int kafka, int elasticsearch) {
        return new Ports(kafka, kafka + 1, elasticsearch, elasticsearch + 100);
    }

    /** Ports free right now, for tests that run beside anything else on the machine. */
    public static Ports free() {
        try (Reservation ports = new Reservation()) {
            return new Ports(ports.any(), ports.any(), ports.any(), ports.any());
        }
    }

    public static int freePort() {
        try (Reservation ports = new Reservation()) {
            return ports.any();
        }
    }

    /**
     * Ports held open until closed, so that every port it hands out is free and differs
     * from the others (the kernel may hand the same free port to two sockets opened and
     * closed one after the other).
     */
    public static final class Reservation implements AutoCloseable {

        private final List<ServerSocket> held = new ArrayList<>();

        public int any() {
            return hold(0);
        }

        /** Free ports {@link #around} would use, all four held. */
        public Ports aroundFree() {
            while (true) {
                int kafka = any();
                int elasticsearch = any();
                if (tryHold(kafka + 1) && tryHold(elasticsearch + 100)) {
                    return around(kafka, elasticsearch);
                }
            }
        }

        private boolean tryHold(int port) {
            try {
                hold(port);
                return true;
            } catch (UncheckedIOException taken) {
                return false;
            }
        }

        private int hold(int port) {
            try {
                ServerSocket socket = new ServerSocket(port);
                held.add(socket);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket that accepted nothing cannot lose anything
                }
            }
        }
    }
}
