package io.logflow.e2e;

import java.util.concurrent.TimeUnit;

/** A shipper daemon (rsyslog, syslog-ng) running in the foreground as a process of the test. */
record Daemon(Process process) implements AutoCloseable {

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, so that the daemon flushes its queue; SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
