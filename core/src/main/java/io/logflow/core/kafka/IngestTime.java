package io.logflow.core.kafka;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * When the ingestor accepted a log, carried as a Kafka header from the raw record to the
 * parsed one, so that the writer can measure ingest-to-indexed latency.
 */
public final class IngestTime {

    public static final String HEADER = "ingested_at";

    private IngestTime() {}

    public static byte[] encode(long epochMillis) {
        return Long.toString(epochMillis).getBytes(StandardCharsets.US_ASCII);
    }

    public static OptionalLong read(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
