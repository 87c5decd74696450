package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RequestGateTest {

    private final RequestGate gate = new RequestGate();

    @Test
    void drainingWaitsForTheRequestsInsideAndRefusesNewOnes() throws Exception {
        assertThat(gate.enter()).isTrue();
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.drain(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(this::refusesNewRequests);
        assertThat(drained).isNotDone();
        assertThat(gate.enter()).isFalse();
        gate.exit();
        assertThat(drained.get()).isTrue();
    }

    private boolean refusesNewRequests() {
        if (gate.enter()) {
            gate.exit();
            return false;
        }
        return true;
    }

    @Test
    void drainingGivesUpAfterTheTimeout() throws Exception {
        assertThat(gate.enter()).isTrue();
        assertThat(gate.drain(Duration.ofMillis(100))).isFalse();
    }

    @Test
    void drainingAnIdleGateIsImmediate() throws Exception {
        assertThat(gate.drain(Duration.ZERO)).isTrue();
    }
}
