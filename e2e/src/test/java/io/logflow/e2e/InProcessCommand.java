package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.cli.LogFlowCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@code logflow} command run in this JVM, as a user would type it. */
final class InProcessCommand {

    private InProcessCommand() {}

    /** Runs {@code logflow COMMAND...}; checks its exit code and returns what it printed on stdout. */
    static synchronized String run(int expectedExit, String... command) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = LogFlowCommand.commandLine().execute(command);
        } finally {
            System.setOut(stdout);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        stdout.println("logflow " + String.join(" ", command) + " -> " + exit + "\n" + output);
        assertThat(exit).as(String.join(" ", command)).isEqualTo(expectedExit);
        return output;
    }
}
