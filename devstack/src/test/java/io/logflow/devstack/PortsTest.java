package io.logflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aReservationNeverHandsOutAPortTwice() {
        Set<Integer> ports = new HashSet<>();
        try (Ports.Reservation reservation = new Ports.Reservation()) {
            for (int i = 0; i < 200; i++) {
                ports.add(reservation.any());
            }
        }
        assertThat(ports).hasSize(200);
    }

    @Test
    void portsAreBelowTheRangeTheKernelGivesOutgoingConnections() throws IOException {
        int firstEphemeral = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .getFirst().trim().split("\\s+")[0]);
        try (Ports.Reservation ports = new Ports.Reservation()) {
            for (int i = 0; i < 50; i++) {
                assertThat(ports.any()).isBetween(10_000, firstEphemeral - 1);
            }
        }
    }

    @Test
    void portsAroundAreHeldUntilTheReservationCloses() throws IOException {
        Ports around;
        try (Ports.Reservation reservation = new Ports.Reservation()) {
            around = reservation.aroundFree();
            assertThat(around.kafkaController()).isEqualTo(around.kafka() + 1);
            assertThat(around.elasticsearchTransport()).isEqualTo(around.elasticsearch() + 100);
            int controller = around.kafkaController();
            assertThatThrownBy(() -> new ServerSocket(controller).close()).isInstanceOf(IOException.class);
        }
        new ServerSocket(around.kafkaController()).close();
        new ServerSocket(around.elasticsearchTransport()).close();
    }
}
