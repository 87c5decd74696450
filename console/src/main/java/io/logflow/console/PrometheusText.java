package io.logflow.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition that the pipeline page shows (no buckets, no JVM). */
final class PrometheusText {

    /** One line: {@code name{labels} value}. */
    record Sample(String name, String labels, double value) {}

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+).*");

    private PrometheusText() {}

    /** The samples whose names start with one of {@code prefixes}, except histogram buckets. */
    static List<Sample> samples(String text, List<String> prefixes) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher matcher = LINE.matcher(line.strip());
            if (!matcher.matches() || matcher.group(1).endsWith("_bucket")
                    || prefixes.stream().noneMatch(matcher.group(1)::startsWith)) {
                continue;
            }
            try {
                samples.add(new Sample(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2),
                        Double.parseDouble(matcher.group(3))));
            } catch (NumberFormatException notANumber) {
                // NaN and friends parse; anything else is not a sample worth showing
            }
        }
        return samples;
    }
}
