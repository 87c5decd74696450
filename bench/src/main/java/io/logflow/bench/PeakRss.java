package io.logflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The most resident memory a process has had (Linux's VmHWM), in MB. */
final class PeakRss {

    private PeakRss() {}

    static double megabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                long kilobytes = Long.parseLong(line.replaceAll("\\D", ""));
                return Math.round(kilobytes / 1024.0);
            }
        }
        throw new IOException("no VmHWM for process " + pid);
    }
}
