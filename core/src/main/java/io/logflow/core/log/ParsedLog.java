package io.logflow.core.log;

import java.time.Instant;

/**
 * A log after normalisation, still holding the raw log's message and metadata as they were
 * read. {@code timestampText} is RFC 3339 UTC text of {@code timestamp}; {@code originalLevel} is the level as sent (null if none was); {@code correlationId}
 * is null (and left out of the JSON) for a record that came without one; {@code ingestKey},
 * the id of the API key it came in with, likewise.
 */
record ParsedLog(
        String id,
        Instant timestamp,
        String timestampText,
        String level,
        String originalLevel,
        String service,
        boolean serviceDefaulted,
        RawString message,
        String messageHash,
        RawMetadata metadata,
        String processedAt,
        String processorVersion,
        String correlationId,
        String ingestKey) {}
