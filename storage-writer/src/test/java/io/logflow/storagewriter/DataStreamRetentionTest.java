package io.logflow.storagewriter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataStreamRetentionTest {

    @Test
    void theGenerationEndsTheBackingIndexNameInBothStores() {
        assertThat(DataStreamRetention.generation(".ds-logs-2026.11.28-000012")).isEqualTo(12);
        assertThat(DataStreamRetention.generation(".ds-logs-000003")).isEqualTo(3);
        assertThat(DataStreamRetention.generation("not-a-backing-index")).isEqualTo(-1);
    }
}
