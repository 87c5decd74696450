package io.logflow.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Loads the configuration in three layers: the built-in defaults, then an optional
 * config.yaml, then environment variables named after each option's path
 * ({@code storage_writer.index_prefix} → {@code STORAGE_WRITER_INDEX_PREFIX}).
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ConfigLoader() {}

    public static LogFlowConfig load(Path configFile, Map<String, String> environment) {
        ObjectNode tree = defaults();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException("config file " + configFile + " does not exist");
            }
            mergeInto(tree, readYaml(configFile), "");
        }
        applyEnvironment(tree, "", environment);
        try {
            return YAML.treeToValue(tree, LogFlowConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid configuration: " + e.getOriginalMessage());
        }
    }

    public static LogFlowConfig defaultsWith(Map<String, String> environment) {
        return load(null, environment);
    }

    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/logflow-defaults.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void mergeInto(ObjectNode target, JsonNode source, String path) {
        if (source == null || source.isNull() || source.isMissingNode()) {
            return;
        }
        if (!source.isObject()) {
            throw new ConfigException("expected a mapping at '" + (path.isEmpty() ? "<root>" : path) + "'");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode existing = target.get(field.getKey());
            if (existing == null) {
                throw new ConfigException("unknown option '" + childPath + "'");
            }
            if (existing.isObject()) {
                mergeInto((ObjectNode) existing, field.getValue(), childPath);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode node, String path, Map<String, String> environment) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String childPath = path.isEmpty() ? name : path + "." + name;
            JsonNode child = node.get(name);
            if (child.isObject()) {
                applyEnvironment((ObjectNode) child, childPath, environment);
                continue;
            }
            String value = environment.get(environmentName(childPath));
            if (value != null) {
                node.set(name, child.isArray() ? list(value) : node.textNode(value));
            }
        }
    }

    static String environmentName(String path) {
        return path.toUpperCase().replace('.', '_');
    }

    private static ArrayNode list(String commaSeparated) {
        ArrayNode array = YAML.createArrayNode();
        for (String item : commaSeparated.split(",")) {
            if (!item.isBlank()) {
                array.add(item.trim());
            }
        }
        return array;
    }
}
