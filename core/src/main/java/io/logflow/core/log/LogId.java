package io.logflow.core.log;

import java.util.Optional;

/**
 * A log's id is a pure function of where its raw record lives: the raw topic's id (the
 * UUID Kafka gave the topic at creation, so a re-created topic cannot collide), the
 * partition and the offset. Processing the same raw record again yields the same id.
 */
public final class LogId {

    /**
     * A record replayed from a dead-letter topic keeps the id of the log it was first: the
     * dead-letter tool puts it in this header and the parser uses it, so that replaying
     * the same dead letter twice still stores one document.
     */
    public static final String HEADER = "logflow_id";

    /**
     * A log its client named (a bulk action's {@code _id}, an {@code Idempotency-Key}):
     * the ingestor puts the scoped hash of that name in this header, and the parser makes
     * the log's id from it instead of the record's place, so a client's resend (a second
     * raw record) overwrites the same document instead of adding one.
     */
    public static final String CLIENT_HEADER = "logflow_client_id";

    /** The id of the API key a log came in with (the keys file's id, never its secret); stored as {@code ingest_key}. */
    public static final String INGEST_KEY_HEADER = "logflow_ingest_key";

    private static final String CLIENT_MARK = "-c-";

    private LogId() {}

    /** The id of a client-named log: {@code {raw topic id}-c-{client key}}; {@link #parse} finds no record in it. */
    public static String ofClient(String topicId, String clientKey) {
        return topicId + CLIENT_MARK + clientKey;
    }

    /** The client key of an id {@link #ofClient} made for this topic; empty for any other id. */
    public static Optional<String> clientKey(String id, String topicId) {
        String prefix = topicId + CLIENT_MARK;
        return id.startsWith(prefix) ? Optional.of(id.substring(prefix.length())) : Optional.empty();
    }

    public static String of(String topicId, int partition, long offset) {
        return topicId + "-" + partition + "-" + offset;
    }

    /** The raw record an id names; empty for ids LogFlow did not make. */
    public static Optional<RawRecordId> parse(String id) {
        int offsetDash = id.lastIndexOf('-');
        int partitionDash = offsetDash > 0 ? id.lastIndexOf('-', offsetDash - 1) : -1;
        if (partitionDash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RawRecordId(id.substring(0, partitionDash),
                    Integer.parseInt(id.substring(partitionDash + 1, offsetDash)),
                    Long.parseLong(id.substring(offsetDash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Where a raw log lives in Kafka. */
    public record RawRecordId(String topicId, int partition, long offset) {}
}
