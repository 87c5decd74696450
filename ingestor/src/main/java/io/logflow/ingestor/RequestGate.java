package io.logflow.ingestor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets requests in until the ingestor starts to drain; then refuses new ones and waits
 * for those inside to finish, so that SIGTERM never cuts off a log Kafka was about to
 * acknowledge.
 */
public final class RequestGate {

    private final AtomicInteger inside = new AtomicInteger();
    private volatile boolean draining;

    public boolean enter() {
        inside.incrementAndGet();
        if (draining) {
            exit();
            return false;
        }
        return true;
    }

    public void exit() {
        if (inside.decrementAndGet() == 0 && draining) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** @return whether every request inside finished within the timeout */
    synchronized boolean drain(Duration timeout) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inside.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
