package io.logflow.core.log;

import java.util.Map;

/**
 * A log after normalisation: what the parser publishes and the storage writer indexes.
 * {@code correlationId} is null (and left out of the JSON) for a record that came without one;
 * {@code ingestKey}, the id of the API key it came in with, likewise.
 */
public record ParsedLog(
        String id,
        String timestamp,
        long timestampMs,
        String level,
        String service,
        String message,
        String messageHash,
        Map<String, String> metadata,
        String processedAt,
        String processorVersion,
        String correlationId,
        String ingestKey) {

    public ParsedLog withIngestKey(String ingestKey) {
        return new ParsedLog(id, timestamp, timestampMs, level, service, message, messageHash, metadata, processedAt,
                processorVersion, correlationId, ingestKey);
    }
}
