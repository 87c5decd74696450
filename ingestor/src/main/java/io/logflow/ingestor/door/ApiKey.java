package io.logflow.ingestor.door;

import java.util.List;

/**
 * One client's key as the keys file holds it: never the secret, only its SHA-256.
 *
 * @param services          the services its logs may name; empty: any
 * @param requestsPerSecond at most this many requests a second (bursts of as many); 0: no limit
 */
public record ApiKey(String id, String sha256, List<String> services, double requestsPerSecond) {

    public ApiKey {
        services = services == null ? List.of() : List.copyOf(services);
    }
}
