package io.logflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Which cores a running process (every thread of it and of its descendants) may run on,
 * set with util-linux's {@code taskset -a -p}; threads it starts later inherit it.
 */
final class Affinity {

    static final Path TASKSET = Path.of("/usr/bin/taskset");

    private Affinity() {}

    static boolean available() {
        return Files.isExecutable(TASKSET);
    }

    /** Every core of the machine, e.g. {@code 0-1}: what undoes {@link #pin}. */
    static String allCores() {
        return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    }

    /** @param cores a CPU list as taskset reads it, e.g. {@code 0} or {@code 1-3} */
    static void pin(long pid, String cores) throws IOException, InterruptedException {
        for (long each : CpuTime.withDescendants(pid)) {
            Process taskset = new ProcessBuilder(TASKSET.toString(), "-a", "-p", "-c", cores, Long.toString(each))
                    .redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes());
            if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IOException("taskset -a -p -c " + cores + " " + each + " failed: " + output);
            }
        }
    }

    /** The distinct CPU lists the threads of a process and its descendants may run on now (/proc). */
    static List<String> allowed(long pid) throws IOException {
        List<String> lists = new ArrayList<>();
        for (long each : CpuTime.withDescendants(pid)) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(each), "task"))) {
                for (Path task : tasks.toList()) {
                    allowedList(task).filter(list -> !lists.contains(list)).ifPresent(lists::add);
                }
            }
        }
        return lists;
    }

    private static Optional<String> allowedList(Path task) {
        try (Stream<String> lines = Files.lines(task.resolve("status"))) {
            return lines.filter(line -> line.startsWith("Cpus_allowed_list:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException | UncheckedIOException threadEnded) {
            return java.util.Optional.empty();
        }
    }
}
