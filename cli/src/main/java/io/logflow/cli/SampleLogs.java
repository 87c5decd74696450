package io.logflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logflow.core.json.Json;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Plausible logs from the seed generator's five services, at its mix of levels. */
final class SampleLogs {

    static final List<String> SERVICES =
            List.of("api-gateway", "user-service", "payment-processor", "auth-service", "notification-sender");
    // weighted like real traffic: mostly INFO, a few errors
    private static final List<String> LEVELS =
            List.of("DEBUG", "INFO", "INFO", "INFO", "INFO", "INFO", "WARN", "WARNING", "ERROR", "FATAL");
    private static final List<String> MESSAGES = List.of(
            "request completed in %d ms",
            "user %d logged in",
            "payment %d authorised",
            "cache miss for key user:%d",
            "retrying upstream call, attempt %d",
            "token for session %d expired",
            "notification %d queued for delivery",
            "connection pool at %d%% capacity");

    private final RandomGenerator random;
    private final Clock clock;

    SampleLogs(RandomGenerator random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    byte[] next() {
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        log.put("level", pick(LEVELS));
        log.put("message", String.format(pick(MESSAGES), random.nextInt(1, 10_000)));
        log.put("service", pick(SERVICES));
        log.put("metadata", Map.of("host", "host-" + random.nextInt(1, 9), "generator", "logflow generate"));
        try {
            return Json.mapper().writeValueAsBytes(log);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
