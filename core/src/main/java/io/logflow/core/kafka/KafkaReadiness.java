package io.logflow.core.kafka;

import io.logflow.core.http.Readiness;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Ready when the Kafka cluster answers a describe-cluster call within two seconds. */
public final class KafkaReadiness implements Readiness, AutoCloseable {

    private final Admin admin;

    public KafkaReadiness(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        this.admin = Admin.create(props);
    }

    @Override
    public Optional<String> notReadyReason() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId().get(2, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of("kafka unreachable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
