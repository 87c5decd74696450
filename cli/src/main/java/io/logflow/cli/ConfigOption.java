package io.logflow.cli;

import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: the file every role reads, over the built-in defaults, with environment variables over it. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "a YAML file of the options to change (default: none, the built-in defaults; "
                    + "'logflow config --defaults' prints them)")
    Path file;

    LogFlowConfig load() {
        return ConfigLoader.load(file, System.getenv());
    }

    String effectiveYaml() {
        return ConfigLoader.effectiveYaml(file, System.getenv());
    }
}
