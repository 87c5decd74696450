package io.logflow.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Function;

/** Registers a stage's meters: each one a name and what it counts, histograms published for percentiles. */
public final class StageMeters {

    private final MeterRegistry registry;

    public StageMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    /** A counter per reason, registered the first time a reason is seen. */
    public Function<String, Counter> countersByReason(String name, String description) {
        return countersByTag(name, "reason", description);
    }

    /** A counter per value of {@code tag} (e.g. per input), registered the first time a value is seen. */
    public Function<String, Counter> countersByTag(String name, String tag, String description) {
        return value -> Counter.builder(name).tag(tag, value).description(description).register(registry);
    }

    public DistributionSummary histogram(String name, String description, String unit) {
        return DistributionSummary.builder(name).description(description).baseUnit(unit)
                .publishPercentileHistogram().register(registry);
    }

    public Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram().register(registry);
    }
}
