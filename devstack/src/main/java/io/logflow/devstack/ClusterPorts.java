package io.logflow.devstack;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The ports of a cluster devstack: each Kafka node's broker and controller port, each
 * Elasticsearch node's HTTP and transport port.
 */
public record ClusterPorts(List<Integer> kafka, List<Integer> kafkaControllers, List<Integer> elasticsearch,
                           List<Integer> elasticsearchTransport) {

    public ClusterPorts {
        kafka = List.copyOf(kafka);
        kafkaControllers = List.copyOf(kafkaControllers);
        elasticsearch = List.copyOf(elasticsearch);
        elasticsearchTransport = List.copyOf(elasticsearchTransport);
    }

    /**
     * What {@code logflow up --cluster} derives from the first broker's and the first node's
     * port: Kafka node n listens on {@code kafka + 2n} (its controller one above), node n of
     * Elasticsearch on {@code elasticsearch + n} (its transport 100 above).
     */
    public static ClusterPorts around(int kafka, int elasticsearch, int brokers, int nodes) {
        return new ClusterPorts(series(kafka, 2, brokers), series(kafka + 1, 2, brokers),
                series(elasticsearch, 1, nodes), series(elasticsearch + 100, 1, nodes));
    }

    /** Ports free right now, for tests that run beside anything else on the machine. */
    public static ClusterPorts free(int brokers, int nodes) {
        try (Ports.Reservation ports = new Ports.Reservation()) {
            return new ClusterPorts(any(ports, brokers), any(ports, brokers), any(ports, nodes), any(ports, nodes));
        }
    }

    private static List<Integer> series(int first, int step, int count) {
        return IntStream.range(0, count).mapToObj(n -> first + step * n).toList();
    }

    private static List<Integer> any(Ports.Reservation ports, int count) {
        return IntStream.range(0, count).mapToObj(n -> ports.any()).toList();
    }
}
