package io.logflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JDK a server runs on: the one this JVM runs on, unless a store cannot run on it
 * (OpenSearch 2 needs a JDK older than 24); then the newest suitable one installed in
 * {@code /usr/lib/jvm}.
 */
final class JavaRuntime {

    private static final Path INSTALLED = Path.of("/usr/lib/jvm");

    private JavaRuntime() {}

    static Path home() {
        return Path.of(System.getProperty("java.home"));
    }

    static String java() {
        return home().resolve("bin").resolve("java").toString();
    }

    /** A JDK {@code store} runs on. */
    static Path home(Store store) {
        if (fits(Runtime.version().feature(), store)) {
            return home();
        }
        try (Stream<Path> installed = Files.isDirectory(INSTALLED) ? Files.list(INSTALLED) : Stream.empty()) {
            return installed.filter(jdk -> Files.isExecutable(jdk.resolve("bin").resolve("java")))
                    .filter(jdk -> featureVersion(jdk).filter(version -> fits(version, store)).isPresent())
                    .max(Comparator.comparing(jdk -> featureVersion(jdk).orElseThrow()))
                    .orElseThrow(() -> new DevStackException(store.title() + " needs a JDK from " + store.oldestJava
                            + " to " + store.newestJava + "; this JVM is " + Runtime.version().feature()
                            + " and none is installed in " + INSTALLED + " (e.g. apt-get install openjdk-17-jdk-headless)"));
        } catch (IOException e) {
            throw new DevStackException("cannot list the JDKs in " + INSTALLED + ": " + e.getMessage(), e);
        }
    }

    private static boolean fits(int version, Store store) {
        return version >= store.oldestJava && version <= store.newestJava;
    }

    /** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="17.0.15"} → 17). */
    static Optional<Integer> featureVersion(Path jdk) {
        try (Stream<String> lines = Files.lines(jdk.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION=")).findFirst()
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> Integer.parseInt(version.split("[.+-]")[0]));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
