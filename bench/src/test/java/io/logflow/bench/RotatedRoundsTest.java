package io.logflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotatedRoundsTest {

    @Test
    void eachRoundStartsOneVariantLaterAndEachVariantKeepsItsSamplesInRoundOrder() throws Exception {
        List<String> order = new ArrayList<>();
        Map<String, List<String>> samples = RotatedRounds.measure(List.of("a", "b", "c"), 3, (name, round) -> {
            order.add(name);
            return name + round;
        });

        assertThat(order).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b");
        assertThat(samples).containsExactly(Map.entry("a", List.of("a1", "a2", "a3")),
                Map.entry("b", List.of("b1", "b2", "b3")), Map.entry("c", List.of("c1", "c2", "c3")));
    }

    @Test
    void theAskedVariantsAndAlwaysTheBase() {
        Map<String, Integer> variants = new LinkedHashMap<>();
        variants.put("base", 0);
        variants.put("x", 1);
        variants.put("y", 2);

        assertThat(RotatedRounds.chosen(variants, Map.of("variants", "y"), "base")).containsOnlyKeys("base", "y");
        assertThat(RotatedRounds.chosen(variants, Map.of(), "base")).containsOnlyKeys("base", "x", "y");
    }
}
