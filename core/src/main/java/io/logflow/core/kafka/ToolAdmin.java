package io.logflow.core.kafka;

import io.logflow.core.config.LogFlowConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Kafka's admin client as LogFlow's tools (the audit, the dead-letter tool) use it: every
 * call gives up after {@link KafkaUnreachableException#TOOL_DEADLINE}, and Kafka not
 * answering is a {@link KafkaUnreachableException}. The client's own default is a minute
 * per call, and closing it waits for calls still pending: a tool would say nothing for a
 * minute.
 */
public final class ToolAdmin implements AutoCloseable {

    private static final Duration DEADLINE = KafkaUnreachableException.TOOL_DEADLINE;

    private final LogFlowConfig.Kafka kafka;
    private final Admin admin;

    public ToolAdmin(LogFlowConfig.Kafka kafka) {
        this.kafka = kafka;
        Properties props = KafkaClientProperties.common(kafka);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DEADLINE.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEADLINE.toMillis());
        this.admin = Admin.create(props);
    }

    /**
     * One admin call, waited for.
     *
     * @throws ExecutionException with Kafka's reason when Kafka answered that it cannot
     * @throws KafkaUnreachableException when Kafka did not answer in time
     * @throws KafkaAccessRefusedException when Kafka refused LogFlow's credentials or TLS
     */
    public <T> T call(Function<Admin, KafkaFuture<T>> call) throws ExecutionException, InterruptedException {
        try {
            // the admin client gives up by itself at the deadline; this bound is only a safety net
            return call.apply(admin).get(DEADLINE.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new KafkaUnreachableException(kafka.bootstrapServers(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException timeout) {
                throw new KafkaUnreachableException(kafka.bootstrapServers(), timeout);
            }
            KafkaAccessRefusedException.rethrowIfIn(kafka, e);
            throw e;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ZERO); // calls are waited for in call(): none is left worth waiting for
    }
}
