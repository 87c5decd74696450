package io.logflow.ingestor.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.config.ConfigException;
import io.logflow.ingestor.door.IngestAuthenticator.Allowed;
import io.logflow.ingestor.door.IngestAuthenticator.Decision;
import io.logflow.ingestor.door.IngestAuthenticator.Refused;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestAuthenticatorTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final String secret = ApiKeyFile.newSecret();
    private Path file;
    private IngestAuthenticator door;

    @BeforeEach
    void oneKey() throws IOException {
        file = dir.resolve("keys.json");
        ApiKeyFile.write(file, List.of(new ApiKey("shipper", ApiKeyFile.sha256(secret), List.of(), 0)));
        door = new IngestAuthenticator(file, Duration.ofSeconds(1), clock::get);
    }

    private static String basic(String scheme, String id, String secret) {
        return scheme + " " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(Decision decision) {
        return decision instanceof Refused refused ? refused.reason() : "allowed";
    }

    @Test
    void eachOfTheThreeFormsOfTheKeyIsAdmittedWithItsId() {
        for (String authorization : List.of("Bearer " + secret, basic("ApiKey", "shipper", secret),
                basic("Basic", "shipper", secret))) {
            assertThat(door.check(authorization)).as(authorization)
                    .isInstanceOfSatisfying(Allowed.class, allowed -> assertThat(allowed.key().id()).isEqualTo("shipper"));
        }
    }

    @Test
    void eachRefusalIsA401NamingItsReason() {
        assertThat(door.check(null)).isEqualTo(new Refused(401, "missing", ((Refused) door.check(null)).message(), 0));
        assertThat(reason(door.check("Token " + secret))).isEqualTo("malformed");
        assertThat(reason(door.check("Bearer " + ApiKeyFile.newSecret()))).isEqualTo("unknown_key");
        assertThat(reason(door.check(basic("Basic", "someone-else", secret)))).isEqualTo("unknown_key");
        assertThat(reason(door.check(basic("ApiKey", "shipper", "guessed-Xy7")))).isEqualTo("wrong_secret");
        assertThat(((Refused) door.check(basic("ApiKey", "shipper", "guessed-Xy7"))).message())
                .contains("shipper").doesNotContain("guessed-Xy7").doesNotContain(secret);
    }

    @Test
    void aRevokedKeyIsRefusedOnceTheFileIsLookedAtAgain() throws IOException {
        ApiKeyFile.write(file, List.of());
        assertThat(reason(door.check("Bearer " + secret))).as("before the next look").isEqualTo("allowed");
        clock.addAndGet(SECOND);
        assertThat(reason(door.check("Bearer " + secret))).isEqualTo("unknown_key");
    }

    @Test
    void aNewKeyIsAdmittedOnceTheFileIsLookedAtAgain() throws IOException {
        String second = ApiKeyFile.newSecret();
        List<ApiKey> keys = new ArrayList<>(ApiKeyFile.read(file));
        keys.add(new ApiKey("second", ApiKeyFile.sha256(second), List.of(), 0));
        ApiKeyFile.write(file, keys);
        clock.addAndGet(SECOND);
        assertThat(reason(door.check("Bearer " + second))).isEqualTo("allowed");
        assertThat(reason(door.check("Bearer " + secret))).isEqualTo("allowed");
    }

    @Test
    void aFileEditedInPlaceIsReadAgainToo() throws IOException {
        String content = Files.readString(file);
        Files.writeString(file, content.replace("\"shipper\"", "\"renamed\""));
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1_000));
        clock.addAndGet(SECOND);
        assertThat(door.check("Bearer " + secret)).isInstanceOfSatisfying(Allowed.class,
                allowed -> assertThat(allowed.key().id()).isEqualTo("renamed"));
    }

    @Test
    void aFileThatCannotBeReadKeepsTheKeysInForce() throws IOException {
        Files.writeString(file, "{\"keys\":[ half written");
        clock.addAndGet(SECOND);
        assertThat(reason(door.check("Bearer " + secret))).isEqualTo("allowed");
    }

    @Test
    void aRemovedFileClosesTheDoor() throws IOException {
        Files.delete(file);
        clock.addAndGet(SECOND);
        assertThat(reason(door.check("Bearer " + secret))).isEqualTo("unknown_key");
    }

    @Test
    void anUnreadableFileAtStartStopsTheIngestor() throws IOException {
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> new IngestAuthenticator(file, Duration.ofSeconds(1), clock::get))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString());
    }

    @Test
    void overItsRateAKeyGets429WithTheSecondsToWait() throws IOException {
        ApiKeyFile.write(file, List.of(new ApiKey("shipper", ApiKeyFile.sha256(secret), List.of(), 2)));
        clock.addAndGet(SECOND);
        assertThat(reason(door.check("Bearer " + secret))).isEqualTo("allowed");
        assertThat(reason(door.check("Bearer " + secret))).isEqualTo("allowed");
        assertThat(door.check("Bearer " + secret)).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.reason()).isEqualTo("rate_limited");
            assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        });
        clock.addAndGet(SECOND / 2);
        assertThat(reason(door.check("Bearer " + secret))).isEqualTo("allowed");
    }
}
