package io.logflow.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A server, or a LogFlow stage, in a process of its own, its output in a file. Stopping
 * it stops its whole process tree (Elasticsearch's launcher runs the server as a child
 * JVM), first politely, then by force, so that nothing is left behind.
 */
public final class ServerProcess {

    private final String name;
    private final Process process;
    private final Path output;

    private ServerProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * @param ownSession a session of its own, for Kafka and Elasticsearch: Ctrl-C in the
     *                   terminal then reaches LogFlow, which stops the stages first and the
     *                   servers after, instead of every process at once. A stage stays in
     *                   this JVM's session: with the kernel's autogroup scheduling, a session
     *                   of its own would also change its share of the CPU against this JVM's
     */
    static ServerProcess start(String name, ProcessBuilder builder, Path output, boolean ownSession) {
        if (ownSession && Files.isExecutable(SETSID)) {
            List<String> command = new ArrayList<>(builder.command());
            command.addFirst(SETSID.toString());
            builder.command(command);
        }
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        try {
            return new ServerProcess(name, builder.start(), output);
        } catch (IOException e) {
            throw new DevStackException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Polls until {@code ready} holds; fails early, with the server's last words, if it dies. */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new DevStackException(name + " exited with code " + process.exitValue()
                        + " while starting; its output ends with:\n" + tail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        stop();
        throw new DevStackException(name + " was not ready within " + timeout.toSeconds() + " s; its output ("
                + output + ") ends with:\n" + tail());
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGTERM to the whole tree, then SIGKILL to what is left after 30 s.
     *
     * @return the exit code, or -1 if it had to be killed
     */
    int stop() {
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroy);
        awaitExit(tree, Duration.ofSeconds(30));
        boolean exited = !process.isAlive();
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, Duration.ofSeconds(10));
        return exited ? process.exitValue() : -1;
    }

    /** SIGKILL, as a crash would: for fault tests. */
    void kill() {
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, Duration.ofSeconds(10));
    }

    private List<ProcessHandle> processTree() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .toList();
    }

    /**
     * Waits until the tree has exited or the timeout has passed; the caller escalates. Not
     * through {@link ProcessHandle#onExit()}: that completes on the common fork-join pool,
     * which the caller's own work may hold (a test's load generator), and would then wait
     * out the whole timeout for a process long gone.
     */
    private void awaitExit(List<ProcessHandle> tree, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("interrupted while waiting for a server");
        }
    }
}
