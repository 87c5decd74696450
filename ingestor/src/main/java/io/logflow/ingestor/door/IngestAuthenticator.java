package io.logflow.ingestor.door;

import io.logflow.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's decision, free of any HTTP server: an {@code Authorization} header in, a
 * key or a refusal out. The keys file is looked at again when a request comes at least
 * {@code recheckEvery} after the last look, and read again when its modification time,
 * size or inode changed: a revoked key stops working within about that time, without a
 * restart and without a thread of its own. A file that cannot be read keeps the keys in
 * force (a half-written edit must not open or close the door); a file removed closes it.
 */
public final class IngestAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(IngestAuthenticator.class);

    /** The ways a request is refused; each is a metric tag. */
    public static final List<String> REASONS = List.of("missing", "malformed", "unknown_key", "wrong_secret",
            "rate_limited");

    public sealed interface Decision {}

    public record Allowed(ApiKey key) implements Decision {}

    /** @param retryAfterSeconds for a 429, else 0 */
    public record Refused(int status, String reason, String message, long retryAfterSeconds) implements Decision {}

    /** One version of the file: keys by id, and by hash for bearer secrets (which name no id). */
    private record Keys(Map<String, ApiKey> byId, Map<String, ApiKey> byHash, Object version) {
        static Keys of(List<ApiKey> keys, Object version) {
            Map<String, ApiKey> byId = new HashMap<>();
            Map<String, ApiKey> byHash = new HashMap<>();
            for (ApiKey key : keys) {
                byId.put(key.id(), key);
                byHash.put(key.sha256(), key);
            }
            return new Keys(Map.copyOf(byId), Map.copyOf(byHash), version);
        }
    }

    private final Path file;
    private final LongSupplier nanoTime;
    private final long recheckNanos;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile Keys keys;
    private volatile long nextLook;

    /** Reads the file now: one that cannot be read stops the ingestor from starting. */
    public IngestAuthenticator(Path file, Duration recheckEvery, LongSupplier nanoTime) {
        this.file = file;
        this.nanoTime = nanoTime;
        this.recheckNanos = recheckEvery.toNanos();
        try {
            Object version = version();
            this.keys = Keys.of(ApiKeyFile.read(file), version);
        } catch (IOException e) {
            throw new ConfigException("cannot read ingestor.api_keys_file " + file + ": " + e.getMessage());
        }
        this.nextLook = nanoTime.getAsLong() + recheckNanos;
    }

    public Decision check(String authorization) {
        lookAtTheFileIfDue();
        if (authorization == null || authorization.isBlank()) {
            return refused("missing", "no API key: send Authorization: Bearer <secret>, ApiKey base64(id:secret)"
                    + " or Basic base64(id:secret)");
        }
        Optional<Credentials> parsed = Credentials.parse(authorization);
        if (parsed.isEmpty()) {
            return refused("malformed", "the Authorization header is not Bearer <secret>, ApiKey base64(id:secret)"
                    + " or Basic base64(id:secret)");
        }
        Credentials credentials = parsed.get();
        byte[] digest = ApiKeyFile.digest(credentials.secret());
        Keys current = keys;
        // a bearer secret is found by its hash: a map lookup's timing tells about the hash, not the secret
        ApiKey key = credentials.id() == null ? current.byHash().get(HexFormat.of().formatHex(digest))
                : current.byId().get(credentials.id());
        if (key == null) {
            return refused("unknown_key", credentials.id() == null ? "unknown or revoked API key"
                    : "unknown or revoked API key id '" + credentials.id() + "'");
        }
        if (!MessageDigest.isEqual(digest, HexFormat.of().parseHex(key.sha256()))) {
            return refused("wrong_secret", "wrong secret for API key id '" + key.id() + "'");
        }
        if (key.requestsPerSecond() > 0) {
            TokenBucket bucket = buckets.compute(key.id(), (id, old) ->
                    old != null && old.rate() == key.requestsPerSecond() ? old
                            : new TokenBucket(key.requestsPerSecond(), nanoTime.getAsLong()));
            long waitNanos = bucket.take(nanoTime.getAsLong());
            if (waitNanos > 0) {
                return new Refused(429, "rate_limited", "API key '" + key.id() + "' may send "
                        + key.requestsPerSecond() + " requests a second", Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000));
            }
        }
        return new Allowed(key);
    }

    private static Refused refused(String reason, String message) {
        return new Refused(401, reason, message, 0);
    }

    private void lookAtTheFileIfDue() {
        long now = nanoTime.getAsLong();
        if (now - nextLook < 0) {
            return;
        }
        synchronized (this) {
            if (now - nextLook < 0) {
                return;
            }
            nextLook = now + recheckNanos;
            try {
                Object version = version();
                if (!Objects.equals(version, keys.version())) {
                    keys = Keys.of(ApiKeyFile.read(file), version);
                    log.atInfo().addKeyValue("file", file.toString()).addKeyValue("keys", keys.byId().size())
                            .log("API keys reloaded");
                }
            } catch (IOException e) {
                log.atWarn().addKeyValue("file", file.toString()).addKeyValue("reason", e.getMessage())
                        .log("API keys file cannot be read; the keys read before stay in force");
            }
        }
    }

    /** What changes when the file is edited or replaced; null when there is no file. */
    private Object version() throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(),
                    Objects.requireNonNullElse(attributes.fileKey(), ""));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A request rate with bursts of up to one second's worth. */
    static final class TokenBucket {
        private final double rate;
        private double tokens;
        private long last;

        TokenBucket(double rate, long now) {
            this.rate = rate;
            this.tokens = Math.max(1, rate);
            this.last = now;
        }

        double rate() {
            return rate;
        }

        /** @return 0 when a request may go now, else how long until it may */
        synchronized long take(long now) {
            tokens = Math.min(Math.max(1, rate), tokens + (now - last) * rate / 1e9);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) / rate * 1e9);
        }
    }
}
