package io.logflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variants measured in rounds, each round in an order rotated by one, so that no variant is
 * always the first or the last on a machine whose speed drifts; and the variants a run
 * asks for with {@code --variants=a,b}, with the base of the ratios always among them.
 */
final class RotatedRounds {

    /** One measurement of a variant in a round (counted from 1). */
    interface Measurement<S> {
        S measure(String name, int round) throws Exception;
    }

    private RotatedRounds() {}

    /** @return each variant's samples, in the order of the rounds */
    static <S> Map<String, List<S>> measure(List<String> names, int rounds, Measurement<S> measurement)
            throws Exception {
        Map<String, List<S>> samples = new LinkedHashMap<>();
        names.forEach(name -> samples.put(name, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round - 1) % names.size());
                samples.get(name).add(measurement.measure(name, round));
            }
        }
        return samples;
    }

    /** The variants {@code --variants} names (all without it), and always {@code base}. */
    static <V> Map<String, V> chosen(Map<String, V> variants, Map<String, String> options, String base) {
        Map<String, V> chosen = new LinkedHashMap<>(variants);
        if (options.containsKey("variants")) {
            List<String> asked = List.of(options.get("variants").split(","));
            chosen.keySet().removeIf(name -> !name.equals(base) && !asked.contains(name));
        }
        return chosen;
    }
}
