package io.logflow.devstack;

import java.nio.file.Path;

/** The JDK this JVM runs on: the devstack starts its servers with the same one. */
final class JavaRuntime {

    private JavaRuntime() {}

    static Path home() {
        return Path.of(System.getProperty("java.home"));
    }

    static String java() {
        return home().resolve("bin").resolve("java").toString();
    }
}
