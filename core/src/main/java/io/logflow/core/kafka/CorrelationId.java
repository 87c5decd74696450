package io.logflow.core.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The id that follows one request through every stage: taken from the client's
 * {@code X-Request-ID}, {@code X-Correlation-ID} or W3C {@code traceparent}, or made up;
 * carried as a Kafka header on every record the request gives rise to.
 */
public final class CorrelationId {

    public static final String HEADER = "correlation_id";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    private CorrelationId() {}

    /** The first usable of the client's ids, or a new one (32 hex digits, like a trace id). */
    public static String choose(String requestId, String correlationId, String traceparent) {
        for (String candidate : new String[] {requestId, correlationId}) {
            if (candidate != null && ACCEPTABLE.matcher(candidate.strip()).matches()) {
                return candidate.strip();
            }
        }
        if (traceparent != null) {
            var trace = TRACEPARENT.matcher(traceparent.strip());
            if (trace.matches() && !trace.group(1).equals("0".repeat(32))) {
                return trace.group(1);
            }
        }
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public static byte[] encode(String correlationId) {
        return correlationId.getBytes(StandardCharsets.UTF_8);
    }

    public static Optional<String> read(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
