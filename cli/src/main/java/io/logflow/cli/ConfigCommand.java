package io.logflow.cli;

import io.logflow.core.config.ConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logflow config}: the configuration a role would run with, or the built-in defaults. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the configuration in force: the built-in defaults, the --config file over them "
                + "and environment variables over both.")
final class ConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--defaults",
            description = "print the built-in defaults instead, with what each option does (a start for a --config file)")
    boolean defaults;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(defaults ? ConfigLoader.defaultsYaml() : config.effectiveYaml());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
