package io.logflow.e2e;

import io.logflow.devstack.ElasticsearchHome;
import io.logflow.devstack.ElasticsearchNode;
import io.logflow.devstack.Ports;
import io.logflow.devstack.ServerArtifacts;
import io.logflow.devstack.Store;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Every store of the matrix, one real server each: the next store starts once the current
 * one is up (two starting at once on two cores slow each other), while the tests use it;
 * a store is stopped once the tests move on.
 */
final class StoreSequence implements AutoCloseable {

    private final ServerArtifacts artifacts;
    private final Path dir;
    private final List<Store> order;
    private final Map<Store, CompletableFuture<ElasticsearchNode>> started = new EnumMap<>(Store.class);
    private Store current;

    StoreSequence(ServerArtifacts artifacts, Path dir, List<Store> order) {
        this.artifacts = artifacts;
        this.dir = dir;
        this.order = List.copyOf(order);
    }

    /** The running server of {@code store}; the next store of the order starts meanwhile. */
    synchronized ElasticsearchNode node(Store store) {
        if (store != current) {
            if (current != null) {
                started.remove(current).join().stop();
            }
            current = store;
            startAhead(store);
        }
        return started.get(store).join();
    }

    /** Starts {@code store} unless it is started already, and the store after it once it is up. */
    synchronized void startAhead(Store store) {
        if (started.containsKey(store)) {
            return;
        }
        started.put(store, CompletableFuture.supplyAsync(() -> {
            long begun = System.nanoTime();
            Ports ports = Ports.free();
            ElasticsearchNode node = new ElasticsearchNode(store, ElasticsearchHome.extract(artifacts.zip(store), store),
                    dir.resolve(store.id()), ports.elasticsearch(), ports.elasticsearchTransport(), List.of(),
                    Optional.empty());
            node.start();
            System.out.printf("store-matrix: %s ready on %s after %d s%n", store.title(), node.url(),
                    (System.nanoTime() - begun) / 1_000_000_000);
            return node;
        }));
        int next = order.indexOf(store) + 1;
        if (next < order.size()) {
            // async: the thread that finished the start must not wait for this lock, which node() may hold
            started.get(store).thenRunAsync(() -> startAhead(order.get(next)));
        }
    }

    @Override
    public synchronized void close() {
        started.values().forEach(node -> node.thenAccept(ElasticsearchNode::stop).exceptionally(failed -> null).join());
    }
}
