package io.logflow.devstack;

/**
 * A server the devstack runs as a local process. It can be stopped and started again
 * with its data (for fault tests).
 */
public abstract class LocalServer implements AutoCloseable {

    protected ServerProcess process;

    /** Starts the server and returns once it answers; its data survives from earlier runs. */
    public abstract void start();

    public long pid() {
        return process.pid();
    }

    /** kill -9 of its whole process tree, as a crash of its machine would: for failover tests. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM, then SIGKILL after 30 s if it has not exited. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
