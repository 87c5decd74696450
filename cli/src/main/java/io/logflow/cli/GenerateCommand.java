package io.logflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Send generated logs to an ingestor.")
final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
