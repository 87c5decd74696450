package io.logflow.core.log;

/**
 * A log's id is a pure function of where its raw record lives: the raw topic's id (the
 * UUID Kafka gave the topic at creation, so a re-created topic cannot collide), the
 * partition and the offset. Processing the same raw record again yields the same id.
 */
public final class LogId {

    private LogId() {}

    public static String of(String topicId, int partition, long offset) {
        return topicId + "-" + partition + "-" + offset;
    }
}
