package io.logflow.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a role in the foreground until Ctrl-C or SIGTERM, then closes it before the JVM exits. */
final class UntilStopped {

    private UntilStopped() {}

    static void run(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("logflow: error while stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "logflow-shutdown"));
        stopped.await();
    }
}
