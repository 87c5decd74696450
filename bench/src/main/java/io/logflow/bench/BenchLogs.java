package io.logflow.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The logs every measurement sends, so that the limits and LogFlow are compared on the
 * same data: a raw log as a client sends it (~180 bytes) and the document LogFlow makes of
 * it (~420 bytes).
 */
final class BenchLogs {

    private static final List<String> SERVICES =
            List.of("api-gateway", "user-service", "payment-processor", "auth-service", "notification-sender");
    private static final List<String> LEVELS = List.of("INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG");

    private BenchLogs() {}

    static String raw(long n, Instant timestamp) {
        return "{\"timestamp\":\"" + timestamp + "\",\"level\":\"" + level(n)
                + "\",\"message\":\"" + message(n) + "\",\"service\":\"" + service(n) + "\",\"metadata\":{\"host\":\"host-"
                + (n % 7) + "\"}}";
    }

    static String message(long n) {
        return "request " + n + " completed in " + (n % 997) + " ms for user " + (n % 10_007);
    }

    static String service(long n) {
        return SERVICES.get((int) (n % SERVICES.size()));
    }

    static String level(long n) {
        return LEVELS.get((int) (n % LEVELS.size()));
    }

    static byte[] rawBytes(long n, Instant timestamp) {
        return raw(n, timestamp).getBytes(StandardCharsets.UTF_8);
    }

    /** The stored form of {@link #raw}, with an explicit id, as the storage writer sends it. */
    static String document(long n, Instant timestamp, String index) {
        return "{\"id\":\"bench-0-" + n + "\",\"timestamp\":\"" + timestamp + "\",\"timestamp_ms\":"
                + timestamp.toEpochMilli() + ",\"level\":\"" + level(n)
                + "\",\"service\":\"" + service(n) + "\",\"message\":\"" + message(n) + "\",\"message_hash\":"
                + "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"metadata\":{\"host\":\"host-"
                + (n % 7) + "\",\"original_level\":\"INFO\"},\"processed_at\":\"" + timestamp
                + "\",\"processor_version\":\"1.0.0\",\"indexed_at\":\"" + timestamp + "\",\"index_name\":\"" + index
                + "\",\"storage_version\":\"1.0.0\"}";
    }
}
