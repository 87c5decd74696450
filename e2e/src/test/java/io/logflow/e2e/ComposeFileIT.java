package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logflow.cli.LogFlowCommand;
import io.logflow.core.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No Docker engine runs here, so the compose file is checked the way docker-compose itself checks it. */
class ComposeFileIT {

    private static final Path PROJECT = Path.of(System.getProperty("logflow.project.dir")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @BeforeEach
    void needsDockerCompose() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")), "docker-compose is not installed (.ci/run installs it)");
    }

    @Test
    void theComposeFileIsValidAndRunsTheSeedsStack() throws Exception {
        assertThat(compose("config", "--services").lines()).contains("kafka", "elasticsearch", "kibana", "ingestor", "parser",
                "storage-writer", "prometheus", "alertmanager", "grafana");
    }

    /** The image itself is built and run by ContainerBuildIT; here, what the compose file asks of it. */
    @Test
    void theLogflowServicesRunRolesOfTheImageWithOptionsLogflowReads() throws Exception {
        JsonNode services = YAML.readTree(compose("config")).get("services");
        Set<String> roles = LogFlowCommand.commandLine().getSubcommands().keySet();
        Set<String> options = OptionVariables.all();
        Set<String> logflowServices = new TreeSet<>();
        services.properties().forEach(service -> {
            JsonNode build = service.getValue().path("build");
            if (build.isMissingNode()) {
                return;
            }
            logflowServices.add(service.getKey());
            assertThat(Path.of(build.path("context").asText())).as(service.getKey()).isEqualTo(PROJECT);
            assertThat(build.path("dockerfile").asText()).as(service.getKey()).isEqualTo("Dockerfile");
            assertThat(roles).as(service.getKey() + "'s command").contains(service.getValue().path("command").path(0).asText());
            Map<String, String> environment = new HashMap<>();
            service.getValue().path("environment").properties().forEach(v -> environment.put(v.getKey(), v.getValue().asText()));
            assertThat(options).as(service.getKey() + "'s environment names options").containsAll(environment.keySet());
            assertThat(ConfigLoader.defaultsWith(environment)).isNotNull(); // and their values are valid
        });
        assertThat(logflowServices).containsExactly("ingestor", "kafka-topics", "parser", "storage-writer");
    }

    private static String compose(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 3];
        command[0] = "docker-compose";
        command[1] = "-f";
        command[2] = "deploy/docker-compose.yml";
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        Process check = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(false).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(check.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(errors + output).isZero();
        return output;
    }
}
