package io.logflow.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logflow.core.config.ConfigLoader;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/** The environment variable of every LogFlow option (kafka.brokers → KAFKA_BROKERS), read from the built-in defaults. */
final class OptionVariables {

    private OptionVariables() {}

    static Set<String> all() {
        try {
            return names(new ObjectMapper(new YAMLFactory()).readTree(ConfigLoader.defaultsYaml()), "");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(JsonNode options, String path) {
        Set<String> names = new TreeSet<>();
        options.properties().forEach(option -> {
            String optionPath = path.isEmpty() ? option.getKey() : path + "." + option.getKey();
            names.addAll(option.getValue().isObject() ? names(option.getValue(), optionPath)
                    : Set.of(ConfigLoader.environmentName(optionPath)));
        });
        return names;
    }
}
