package io.logflow.devstack;

import java.util.concurrent.TimeUnit;

/** A shipper daemon (rsyslog, syslog-ng) running in the foreground as a process of a test or the benchmark. */
public record Daemon(Process process) implements AutoCloseable {

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
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
