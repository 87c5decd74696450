package io.logflow.ingestor.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void keysAreWrittenAndReadBackWithTheirHashesOnly() throws IOException {
        String secret = ApiKeyFile.newSecret();
        Path file = dir.resolve("keys.json");
        ApiKey key = new ApiKey("shipper-1", ApiKeyFile.sha256(secret), List.of("api"), 50);
        ApiKeyFile.write(file, List.of(key));
        assertThat(ApiKeyFile.read(file)).containsExactly(key);
        assertThat(Files.readString(file)).doesNotContain(secret).contains(ApiKeyFile.sha256(secret));
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("keys.json");
        ApiKeyFile.write(file, List.of());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void secretsAre256RandomBits() {
        String one = ApiKeyFile.newSecret();
        assertThat(one).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(ApiKeyFile.newSecret()).isNotEqualTo(one);
    }

    @Test
    void aMissingFileHoldsNoKeys() throws IOException {
        assertThat(ApiKeyFile.read(dir.resolve("absent.json"))).isEmpty();
    }

    @Test
    void aKeyWithoutAUsableIdOrHashIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("keys.json"), "{\"keys\":[{\"id\":\"a:b\",\"sha256\":\"" + "0".repeat(64)
                + "\"}]}");
        assertThatThrownBy(() -> ApiKeyFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("id");
        Files.writeString(file, "{\"keys\":[{\"id\":\"ok\",\"sha256\":\"short\"}]}");
        assertThatThrownBy(() -> ApiKeyFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("sha256");
    }
}
