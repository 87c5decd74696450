package io.logflow.core.kafka;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.http.Readiness;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready when the Kafka cluster answers within two seconds and has the topics the stage
 * reads and writes. A missing topic is named, with the command that creates it; each
 * new reason is logged once.
 */
public final class KafkaReadiness implements Readiness, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaReadiness.class);

    private final LogFlowConfig.Kafka kafka;
    private final List<String> topics;
    private final Admin admin;
    private volatile String lastReason;

    public KafkaReadiness(LogFlowConfig.Kafka kafka, List<String> topics) {
        this.kafka = kafka;
        this.topics = topics;
        Properties props = KafkaClientProperties.common(kafka);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        this.admin = Admin.create(props);
    }

    @Override
    public Optional<String> notReadyReason() {
        Optional<String> reason = check();
        String now = reason.orElse(null);
        if (!Objects.equals(now, lastReason)) {
            lastReason = now;
            reason.ifPresentOrElse(why -> log.atWarn().addKeyValue("reason", why).log("not ready"),
                    () -> log.info("Kafka answers and has the stage's topics"));
        }
        return reason;
    }

    private Optional<String> check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId().get(2, TimeUnit.SECONDS);
            Map<String, KafkaFuture<TopicDescription>> described =
                    admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(2000)).topicNameValues();
            for (String topic : topics) {
                try {
                    described.get(topic).get(2, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        return Optional.of("topic " + topic + " does not exist in Kafka at " + kafka.bootstrapServers()
                                + ": run 'logflow topics create'");
                    }
                    throw e;
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of(KafkaAccessRefusedException.in(kafka, e).map(Exception::getMessage)
                    .orElse("kafka unreachable: " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
