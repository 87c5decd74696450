package io.logflow.ingestor.door;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The keys file: JSON, {@code {"keys":[{"id":..,"sha256":..,"services":[..],"requests_per_second":..}]}}.
 *
 * <p>Only a secret's SHA-256 is stored. A plain, unsalted, fast hash is enough here
 * because every secret is 256 random bits made by {@link #newSecret}: salts and slow
 * hashes (bcrypt, Argon2) defend guessable passwords against a dictionary, and no
 * dictionary reaches a 256-bit random value; a fast hash also keeps the check out of a
 * request's cost. Whoever reads the file learns who may send, not how.
 */
public final class ApiKeyFile {

    /** Letters, digits, {@code . _ -}: an id appears in headers, documents and metrics, and never holds a colon. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final SecureRandom RANDOM = new SecureRandom();

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Content(List<ApiKey> keys) {}

    private ApiKeyFile() {}

    public static List<ApiKey> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Content content = Json.mapper().readValue(file.toFile(), Content.class);
        List<ApiKey> keys = content.keys() == null ? List.of() : content.keys();
        for (ApiKey key : keys) {
            if (key.id() == null || !ID.matcher(key.id()).matches() || key.sha256() == null
                    || key.sha256().length() != 64) {
                throw new IOException("keys file " + file + ": a key needs an id (letters, digits, . _ -) and a"
                        + " 64-hex-digit sha256");
            }
        }
        return keys;
    }

    /** Replaces the file in one atomic move, so that an ingestor reading it sees the old keys or the new, never half. */
    public static void write(Path file, List<ApiKey> keys) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), ".keys", ".tmp");
        try {
            trySetOwnerOnly(temporary);
            Files.write(temporary, Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Content(new ArrayList<>(keys))));
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** 256 random bits, URL-safe base64 without padding (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String secret) {
        return HexFormat.of().formatHex(digest(secret));
    }

    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void trySetOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // the directory's own protection then applies
        }
    }
}
