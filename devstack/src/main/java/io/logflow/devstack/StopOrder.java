package io.logflow.devstack;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

/**
 * How a stack stops, when it is closed or when the JVM ends (Ctrl-C, SIGTERM): first what
 * runs on it (the stages, newest first), then its servers, so that no stage outlives the
 * Kafka and Elasticsearch it needs.
 */
final class StopOrder {

    private final Deque<AutoCloseable> dependents = new ConcurrentLinkedDeque<>();
    private final Consumer<String> progress;
    private final Runnable stopServers;
    private final Thread onExit;

    /** Registers the JVM shutdown hook at once. */
    StopOrder(String name, Consumer<String> progress, Runnable stopServers) {
        this.progress = progress;
        this.stopServers = stopServers;
        this.onExit = new Thread(this::stopAll, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    <T extends AutoCloseable> T closeFirst(T dependent) {
        dependents.push(dependent);
        return dependent;
    }

    void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is running or has run: it stops everything
        }
        stopAll();
    }

    private void stopAll() {
        if (!dependents.isEmpty()) {
            progress.accept("stopping the stages ...");
        }
        for (AutoCloseable dependent; (dependent = dependents.poll()) != null; ) {
            try {
                dependent.close();
            } catch (Exception e) {
                System.err.println("while stopping " + dependent + ": " + e);
            }
        }
        stopServers.run();
        progress.accept("stopped");
    }
}
