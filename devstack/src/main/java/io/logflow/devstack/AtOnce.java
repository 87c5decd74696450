package io.logflow.devstack;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts or stops servers at once, each on a thread of its own: a node of a cluster
 * answers only once enough of its peers are up, so one after the other would never
 * finish. Platform threads, not the common pool, which may have a single thread on a
 * small machine.
 */
final class AtOnce {

    private AtOnce() {}

    /** Runs every task at once and returns when all are done; the first failure is thrown, the others suppressed in it. */
    static void run(List<Runnable> tasks) {
        List<RuntimeException> failures = new ArrayList<>();
        List<Thread> running = tasks.stream().map(task -> Thread.ofPlatform().name("devstack-start").start(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        })).toList();
        for (Thread thread : running) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevStackException("interrupted while starting or stopping the servers", e);
            }
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.getFirst()::addSuppressed);
            throw failures.getFirst();
        }
    }
}
