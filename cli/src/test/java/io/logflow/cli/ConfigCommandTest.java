package io.logflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultsArePrintedAsTheResourceWritesThem() {
        assertThat(run("config", "--defaults")).isEqualTo(ConfigLoader.defaultsYaml());
    }

    @Test
    void theConfigurationInForceShowsTheConfigFileOverTheDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("mine.yaml"), "storage_writer:\n  index_prefix: app\n");
        String shown = run("config", "--config", file.toString());
        assertThat(shown).contains("index_prefix: \"app\"", "http_port: 8081");
    }

    @Test
    void aConfigYamlInTheWorkingDirectoryIsNotRead() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "storage_writer:\n  index_prefix: from-the-working-directory\n");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogFlowCommand.class.getName(), "config")
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("STORAGE_WRITER_INDEX_PREFIX");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("index_prefix: \"logs\"").doesNotContain("from-the-working-directory");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = LogFlowCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute(args)).as(out.toString()).isZero();
        return out.toString();
    }
}
