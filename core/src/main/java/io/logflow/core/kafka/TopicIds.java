package io.logflow.core.kafka;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;

/** The UUID Kafka gave a topic when it was created: the first part of every log id. */
public final class TopicIds {

    private TopicIds() {}

    /** @throws KafkaUnreachableException when Kafka does not answer in time */
    public static String idOf(String bootstrapServers, String topic) {
        try (ToolAdmin admin = new ToolAdmin(bootstrapServers)) {
            return admin.call(kafka -> kafka.describeTopics(Set.of(topic)).topicNameValues().get(topic))
                    .topicId().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while looking up topic " + topic, e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot describe topic '" + topic + "' at " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
