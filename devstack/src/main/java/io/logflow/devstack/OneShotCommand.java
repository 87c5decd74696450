package io.logflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A command that runs to its end (formatting Kafka's storage, making certificates, adding a user). */
final class OneShotCommand {

    private OneShotCommand() {}

    /**
     * @param what   what it does, for the error message
     * @param output where its output and errors go
     * @return its output
     * @throws DevStackException if it failed, or did not end within {@code timeout}
     */
    static String run(String what, ProcessBuilder builder, Path output, Duration timeout) {
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new DevStackException(what + " failed: " + Files.readString(output).strip());
            }
            return Files.readString(output);
        } catch (IOException e) {
            throw new DevStackException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("interrupted: " + what, e);
        }
    }
}
