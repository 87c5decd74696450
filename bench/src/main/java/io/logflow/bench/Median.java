package io.logflow.bench;

import java.util.List;

/** The middle of a few rounds' figures: one round disturbed by the machine does not move it. */
final class Median {

    private Median() {}

    static double of(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
