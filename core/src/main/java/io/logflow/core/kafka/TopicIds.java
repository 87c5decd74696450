package io.logflow.core.kafka;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/** The UUID Kafka gave a topic when it was created: the first part of every log id. */
public final class TopicIds {

    private TopicIds() {}

    public static String idOf(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(Set.of(topic)).topicNameValues().get(topic)
                    .get(30, TimeUnit.SECONDS).topicId().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while looking up topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot describe topic '" + topic + "' at " + bootstrapServers + ": "
                    + e.getMessage(), e);
        }
    }
}
