package io.logflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LogFlowCommandTest {

    @Test
    void everyRoleAndToolIsASubCommand() {
        assertThat(LogFlowCommand.commandLine().getSubcommands()).containsOnlyKeys(
                "up", "ingestor", "parser", "storage-writer", "generate", "console", "dlq", "audit", "indices", "topics", "config",
                "keys", "help");
    }

    @Test
    void versionPrintsTheVersion() {
        Cli cli = Cli.run("--version");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEqualTo("logflow 0.1.0" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "ingestor", "parser", "storage-writer", "generate", "dlq", "audit", "indices", "keys"})
    void everySubCommandExplainsItself(String name) {
        Cli cli = Cli.run(name, "--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("Usage: logflow " + name);
    }

    @Test
    void aStageCommandSaysWhatTheStageDoes() {
        assertThat(Cli.run("parser", "--help").out()).contains("raw logs to parsed logs and dead letters");
    }

    @Test
    void anUnknownSubCommandIsAUsageError() {
        Cli cli = Cli.run("ingest");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Unmatched argument at index 0: 'ingest'");
    }

    @Test
    void aCommandThatFailsSaysWhyInOneLineAndExits1() {
        Cli cli = Cli.run("generate", "--rate", "0");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("logflow: --rate must be positive" + System.lineSeparator());
    }
}
