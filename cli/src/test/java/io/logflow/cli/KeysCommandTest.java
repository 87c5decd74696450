package io.logflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.ingestor.door.ApiKeyFile;
import io.logflow.ingestor.door.IngestAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void createPrintsTheSecretOnceAndWritesOnlyItsHash() throws Exception {
        Path file = dir.resolve("keys.json");
        Cli created = Cli.run("keys", "--file", file.toString(), "create", "--id", "web", "--service", "api",
                "--rate", "10");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String secret = created.out().strip();
        assertThat(secret).hasSize(43);
        assertThat(Files.readString(file)).doesNotContain(secret).contains(ApiKeyFile.sha256(secret));
        assertThat(new IngestAuthenticator(file, Duration.ofSeconds(1), System::nanoTime).check("Bearer " + secret))
                .isInstanceOf(IngestAuthenticator.Allowed.class);

        Cli listed = Cli.run("keys", "--file", file.toString(), "list");
        assertThat(listed.out()).contains("web", "services=api", "rate=10.0/s").doesNotContain(secret);
    }

    @Test
    void revokeRemovesTheKey() {
        Path file = dir.resolve("keys.json");
        Cli.run("keys", "--file", file.toString(), "create", "--id", "a");
        Cli.run("keys", "--file", file.toString(), "create", "--id", "b");
        assertThat(Cli.run("keys", "--file", file.toString(), "revoke", "a").exitCode()).isZero();
        assertThat(Cli.run("keys", "--file", file.toString(), "list").out()).doesNotContain("a ").contains("b ");
        Cli again = Cli.run("keys", "--file", file.toString(), "revoke", "a");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("no key 'a'");
    }

    @Test
    void anIdIsNotCreatedTwiceNorWithCharactersOutsideTheRule() {
        Path file = dir.resolve("keys.json");
        Cli.run("keys", "--file", file.toString(), "create", "--id", "web");
        assertThat(Cli.run("keys", "--file", file.toString(), "create", "--id", "web").err()).contains("exists already");
        assertThat(Cli.run("keys", "--file", file.toString(), "create", "--id", "a:b").exitCode()).isNotZero();
    }

    @Test
    void withoutAKeysFileItSaysHowToNameOne() {
        Cli cli = Cli.run("keys", "list");
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("--file", "ingestor.api_keys_file");
    }
}
