package io.logflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian packages a test or the benchmark runs without installing them: fetched with
 * {@code apt-get download} and unpacked with {@code dpkg -x} once, under
 * {@code $TMPDIR/logflow-servers/<name>}, and reused by later runs.
 */
public final class DebianPackages {

    public static final String LIB = "usr/lib/x86_64-linux-gnu";

    private DebianPackages() {}

    /**
     * @param marker a file of the unpacked tree (relative to its root) whose presence means
     *               the packages are there already
     */
    public static Path unpacked(String name, List<String> packages, String marker) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "logflow-servers", name);
        if (Files.exists(root.resolve(marker))) {
            return root;
        }
        Path debs = Files.createDirectories(root.resolveSibling(name + "-debs"));
        run(debs, Stream.concat(Stream.of("apt-get", "download"), packages.stream()).toList());
        try (var files = Files.list(debs)) {
            for (Path deb : files.filter(path -> path.toString().endsWith(".deb")).toList()) {
                run(debs, List.of("dpkg", "-x", deb.toString(), root.toString()));
            }
        }
        return root;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(command + " failed: " + output);
        }
    }
}
