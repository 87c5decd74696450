package io.logflow.cli;

import io.logflow.core.config.LogFlowConfig;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code logflow ingestor|parser|storage-writer}: one stage, against the Kafka and Elasticsearch in the config. */
@Command(mixinStandardHelpOptions = true)
final class StageCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    private final Function<LogFlowConfig, AutoCloseable> stage;

    StageCommand(Function<LogFlowConfig, AutoCloseable> stage) {
        this.stage = stage;
    }

    @Override
    public Integer call() throws Exception {
        UntilStopped.run(stage.apply(config.load()));
        return 0;
    }
}
