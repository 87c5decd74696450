package io.logflow.core.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A consumer with static group membership ({@link StageInstance}) that leaves its group
 * when closed. A stage that crashes and restarts gets its partitions back at once; a
 * stage that is stopped hands them over at once, instead of holding them until its
 * session times out.
 */
public final class StaticMemberConsumer extends KafkaConsumer<byte[], byte[]> {

    public StaticMemberConsumer(Properties properties) {
        super(properties);
    }

    @Override
    public void close() {
        super.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
