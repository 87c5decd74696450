package io.logflow.parser;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/** Looks up the UUID Kafka gave a topic when it was created. */
final class TopicIds implements AutoCloseable {

    private final Admin admin;

    TopicIds(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
    }

    String idOf(String topic) {
        try {
            return admin.describeTopics(Set.of(topic)).topicNameValues().get(topic)
                    .get(30, TimeUnit.SECONDS).topicId().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while looking up topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot look up topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
