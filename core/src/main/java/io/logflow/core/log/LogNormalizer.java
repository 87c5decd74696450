package io.logflow.core.log;

import java.time.Instant;

/**
 * Turns a raw log, as the ingestor accepted it, into the JSON of a parsed log: level,
 * timestamp, service and metadata normalised, message hashed, id given by the caller.
 * Raw records may also come from elsewhere than the ingestor, so nothing is trusted: a raw
 * log that breaks a rule of the door's ({@link LogValidator}) raises
 * {@link UnparseableLogException}, except that a missing or unknown level is stored as INFO.
 */
public final class LogNormalizer {

    private final String processorVersion;

    public LogNormalizer(String processorVersion) {
        this.processorVersion = processorVersion;
    }

    /**
     * @param processedAt RFC 3339 UTC text of the time of parsing
     * @param correlationId null for a record that came without one
     * @param ingestKey the id of the API key the log came in with, null if none
     */
    public byte[] normalise(byte[] rawLog, String id, String processedAt, String correlationId, String ingestKey) {
        RawLog raw = RawLog.read(rawLog);
        String sentTimestamp = required(raw.timestamp).text();
        Instant timestamp = TimestampParser.parse(sentTimestamp);
        RawString message = required(raw.message);
        rejectIf(LogMessage.problem(message), "invalid_message");
        String level = optionalText(raw.level);
        String service = optionalText(raw.service);
        rejectIf(LogService.problem(service), "invalid_service");
        if (!raw.metadata.problems().isEmpty()) {
            throw new UnparseableLogException("wrong_type", raw.metadata.problems().getFirst().message());
        }
        boolean serviceDefaulted = LogService.isMissing(service);
        return ParsedLogJson.write(new ParsedLog(id, timestamp, IsoInstantText.of(sentTimestamp, timestamp), LogLevel.normalise(level), level,
                serviceDefaulted ? LogService.UNKNOWN : service, serviceDefaulted, message, message.hash(), raw.metadata,
                processedAt, processorVersion, correlationId, ingestKey));
    }

    private static void rejectIf(String problem, String kind) {
        if (problem != null) {
            throw new UnparseableLogException(kind, problem);
        }
    }

    private static RawString required(RawLog.Field field) {
        if (field.isMissing()) {
            throw new UnparseableLogException("missing_field", field.name() + " is missing");
        }
        return string(field);
    }

    private static String optionalText(RawLog.Field field) {
        return field.isMissing() ? null : string(field).text();
    }

    private static RawString string(RawLog.Field field) {
        if (field.string() == null) {
            throw new UnparseableLogException("wrong_type", ValidationError.notAString(field.name(), field.token()).message());
        }
        return field.string();
    }
}
