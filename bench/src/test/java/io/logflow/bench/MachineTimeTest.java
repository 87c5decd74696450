package io.logflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineTimeTest {

    @Test
    void eachUsersShareOfTheWindowThenIdleThenTheRest() {
        MachineTime before = new MachineTime(1_000, 400);
        MachineTime after = new MachineTime(1_020, 403); // 10 s on two cores, 3 of them idle
        Map<String, Double> used = new LinkedHashMap<>();
        used.put("elasticsearch", 9.0);
        used.put("logflow", 6.5);
        used.put("load_clients", 1.0);

        assertThat(after.shares(before, used)).containsExactly(Map.entry("elasticsearch", 45.0),
                Map.entry("logflow", 32.5), Map.entry("load_clients", 5.0), Map.entry("idle", 15.0),
                Map.entry("other", 2.5));
    }

    @Test
    void theMachineNowHasSpentAtLeastItsIdleTime() {
        MachineTime now = MachineTime.now();

        assertThat(now.seconds()).isPositive().isGreaterThanOrEqualTo(now.idleSeconds());
    }
}
