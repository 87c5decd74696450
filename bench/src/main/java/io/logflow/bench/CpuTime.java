package io.logflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** CPU seconds a process and its descendants have used so far (Linux's /proc/PID/stat). */
final class CpuTime {

    static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private CpuTime() {}

    static double seconds(long pid) {
        return withDescendants(pid).stream().mapToDouble(CpuTime::ownSeconds).sum();
    }

    static List<Long> withDescendants(long pid) {
        return Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid)).toList();
    }

    /**
     * Of those, what a JVM's just-in-time compilers used ("C1 CompilerThre", "C2 CompilerThre"):
     * a cost a fresh process pays once, while it warms up, and a long-running one no more.
     */
    static double compilerSeconds(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.filter(CpuTime::isCompiler).mapToDouble(CpuTime::statSeconds).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isCompiler(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm"));
            return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
        } catch (IOException e) {
            return false;
        }
    }

    /** Without its descendants: e.g. the benchmark's own JVM, which started the servers it measures. */
    static double ownSeconds(long pid) {
        return statSeconds(Path.of("/proc", Long.toString(pid)));
    }

    private static double statSeconds(Path processOrThread) {
        try {
            String stat = Files.readString(processOrThread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND; // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
