package io.logflow.core.kafka;

import io.logflow.core.config.LogFlowConfig;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;

/** The UUID Kafka gave a topic when it was created: the first part of every log id. */
public final class TopicIds {

    private TopicIds() {}

    /**
     * @throws KafkaUnreachableException when Kafka does not answer in time
     * @throws KafkaAccessRefusedException when Kafka refused LogFlow's credentials or TLS
     */
    public static String idOf(LogFlowConfig.Kafka kafka, String topic) {
        try (ToolAdmin admin = new ToolAdmin(kafka)) {
            return admin.call(client -> client.describeTopics(Set.of(topic)).topicNameValues().get(topic))
                    .topicId().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while looking up topic " + topic, e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot describe topic '" + topic + "' at " + kafka.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
