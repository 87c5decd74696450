package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No Docker engine runs here, so the compose file is checked the way docker-compose itself checks it. */
class ComposeFileIT {

    private static final Path PROJECT = Path.of(System.getProperty("logflow.project.dir")).toAbsolutePath().normalize();

    @Test
    void theComposeFileIsValidAndRunsTheSeedsStack() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")), "docker-compose is not installed (.ci/run installs it)");
        Process check = new ProcessBuilder("docker-compose", "-f", "deploy/docker-compose.yml", "config", "--services")
                .directory(PROJECT.toFile()).redirectErrorStream(true).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output.lines()).contains("kafka", "elasticsearch", "kibana", "ingestor", "parser", "storage-writer",
                "prometheus", "alertmanager", "grafana");
    }

    @Test
    void theImageRunsTheDistributionTheBuildProduces() throws Exception {
        String dockerfile = Files.readString(PROJECT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("cli/target/logflow-cli.jar", "cli/target/lib", "io.logflow.cli.LogFlowCommand");
        assertThat(PROJECT.resolve("cli/target/logflow-cli.jar")).exists();
    }
}
