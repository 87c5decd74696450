package io.logflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The instance name is the parser's transactional id and every consumer's static group
 * membership: it must survive a restart on the same port and differ between instances.
 */
class StageInstanceTest {

    @Test
    void anInstanceRestartedOnTheSamePortHasTheSameNameSoItFencesItsPredecessor() {
        assertThat(StageInstance.id("parser", 8082)).isEqualTo(StageInstance.id("parser", 8082));
    }

    @Test
    void twoInstancesOnOneHostNeverShareAName() {
        assertThat(StageInstance.id("parser", 8082)).isNotEqualTo(StageInstance.id("parser", 8092));
        assertThat(StageInstance.id("parser", 8082)).isNotEqualTo(StageInstance.id("storage-writer", 8082));
    }

    @Test
    void theNameSaysTheStageTheHostAndThePort() {
        assertThat(StageInstance.id("parser", 8082)).startsWith("logflow-parser-").endsWith("-8082");
    }
}
