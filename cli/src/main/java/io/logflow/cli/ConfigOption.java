package io.logflow.cli;

import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: the file every role reads, with environment variables over it. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "configuration file (default: ./config.yaml when it exists, else built-in defaults)")
    Path file;

    LogFlowConfig load() {
        Path chosen = file;
        if (chosen == null && Files.isRegularFile(Path.of("config.yaml"))) {
            chosen = Path.of("config.yaml");
        }
        return ConfigLoader.load(chosen, System.getenv());
    }
}
