package io.logflow.cli;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.ingestor.IngestorStage;
import io.logflow.parser.ParserStage;
import io.logflow.storagewriter.StorageWriterStage;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code logflow}: one distribution, one sub-command per role. */
@Command(name = "logflow",
        mixinStandardHelpOptions = true,
        version = "logflow 0.1.0",
        description = "A log ingestion pipeline: HTTP -> Kafka -> parser -> Kafka -> Elasticsearch.")
public final class LogFlowCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LogFlowCommand())
                .addSubcommand("up", new UpCommand())
                .addSubcommand("ingestor", stage(IngestorStage::start,
                        "Run the ingestor: POST /log over HTTP, validated, into Kafka's raw topic."))
                .addSubcommand("parser", stage(ParserStage::start,
                        "Run the parser: raw logs to parsed logs and dead letters, exactly once."))
                .addSubcommand("storage-writer", stage(StorageWriterStage::start,
                        "Run the storage writer: parsed logs into Elasticsearch daily indices."))
                .addSubcommand("generate", new GenerateCommand())
                .addSubcommand("console", new ConsoleCommand())
                .addSubcommand("dlq", new DlqCommand())
                .addSubcommand("audit", new AuditCommand())
                .addSubcommand("indices", new IndicesCommand())
                .addSubcommand("topics", new TopicsCommand())
                .addSubcommand("config", new ConfigCommand())
                .addSubcommand("keys", new KeysCommand())
                .addSubcommand("help", new CommandLine.HelpCommand());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("logflow: " + e.getMessage());
            return 1;
        });
        return commandLine;
    }

    private static CommandLine stage(Function<LogFlowConfig, AutoCloseable> start, String description) {
        CommandLine command = new CommandLine(new StageCommand(start));
        command.getCommandSpec().usageMessage().description(description);
        return command;
    }
}
