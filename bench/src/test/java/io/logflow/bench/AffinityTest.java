package io.logflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pinning a running child process, as (j) pins the ingestor and Kafka, and undoing it. */
class AffinityTest {

    @Test
    void pinsEveryThreadOfAChildProcessAndItsChildrenAndUndoesIt() throws Exception {
        assumeTrue(Affinity.available() && Runtime.getRuntime().availableProcessors() >= 2, "taskset and 2 cores");
        // a shell with a child of its own: both are pinned
        Process shell = new ProcessBuilder("sh", "-c", "sleep 60 & wait").start();
        try {
            while (shell.descendants().findAny().isEmpty()) {
                Thread.sleep(20);
            }
            Affinity.pin(shell.pid(), "0");
            assertThat(Affinity.allowed(shell.pid())).isEqualTo(List.of("0"));
            Affinity.pin(shell.pid(), Affinity.allCores());
            assertThat(Affinity.allowed(shell.pid())).isEqualTo(List.of(Affinity.allCores()));
        } finally {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
            shell.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
