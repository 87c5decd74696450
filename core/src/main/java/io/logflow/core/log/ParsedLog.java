package io.logflow.core.log;

import java.util.Map;

/**
 * A log after normalisation: what the parser publishes and the storage writer indexes.
 * {@code correlationId} is null (and left out of the JSON) for a record that came without one.
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
        String correlationId) {}
