package io.logflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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

        private static final int LOWEST = 10_000;
        private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

        private final List<ServerSocket> held = new ArrayList<>();

        /**
         * A free port below the kernel's range for outgoing connections: a port from that
         * range (what binding port 0 gives) can be taken as the local end of some client's
         * connection between its reservation and the server's bind (OpenSearch binds ~20 s
         * after it is started).
         */
        public int any() {
            int below = firstEphemeralPort() - 200; // aroundFree adds up to 100
            for (int attempt = 0; attempt < 1_000; attempt++) {
                int port = LOWEST + ThreadLocalRandom.current().nextInt(below - LOWEST);
                if (tryHold(port)) {
                    return port;
                }
            }
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

        private static int firstEphemeralPort() {
            try {
                return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+")[0]);
            } catch (IOException | RuntimeException e) {
                return 32_768; // Linux's default
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
