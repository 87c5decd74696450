package io.logflow.cli;

import io.logflow.console.ConsoleServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code logflow console}: the web console alone, for the stages, Kafka and Elasticsearch the configuration names. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Run the web console: search, follow a log, the pipeline, dead letters, audit (console.http_port).")
final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        ConsoleServer console = ConsoleServer.start(config.load());
        System.err.println("logflow console: open " + console.url());
        UntilStopped.run(console);
        return 0;
    }
}
