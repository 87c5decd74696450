package io.logflow.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the configuration in three layers: the built-in defaults (the resource
 * {@code logflow-defaults.yaml}, their only source), then an optional file of options,
 * then environment variables named after each option's path
 * ({@code storage_writer.index_prefix} → {@code STORAGE_WRITER_INDEX_PREFIX}).
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "/logflow-defaults.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final ObjectMapper YAML_OUT = new ObjectMapper(
            YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

    private ConfigLoader() {}

    public static LogFlowConfig load(Path configFile, Map<String, String> environment) {
        return bind(merged(configFile, environment));
    }

    public static LogFlowConfig defaultsWith(Map<String, String> environment) {
        return load(null, environment);
    }

    /** What {@link #load} would run with, as YAML: every option and the value in force, secrets masked. */
    public static String effectiveYaml(Path configFile, Map<String, String> environment) {
        ObjectNode tree = merged(configFile, environment);
        bind(tree); // refuses what load refuses
        maskSecrets(tree);
        try {
            return YAML_OUT.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options whose values are secrets: never printed. */
    private static final Set<String> SECRETS = Set.of("password", "api_key", "bearer_token", "truststore_password",
            "key_password");

    /**
     * Sections whose keys are not LogFlow's options but passed through as they are (Kafka
     * client properties): any key is accepted, and a key that names a secret
     * ({@code ssl.key.password}, {@code sasl.jaas.config}, ...) is masked.
     */
    private static final Set<String> PASS_THROUGH = Set.of("kafka.client_properties");

    private static final Pattern SECRET_PROPERTY = Pattern.compile("(?i).*(password|secret|jaas|token|\\.key$).*");

    private static void maskSecrets(ObjectNode node) {
        maskSecrets(node, "");
    }

    private static void maskSecrets(ObjectNode node, String path) {
        node.properties().forEach(option -> {
            String childPath = path.isEmpty() ? option.getKey() : path + "." + option.getKey();
            boolean secret = PASS_THROUGH.contains(path) ? SECRET_PROPERTY.matcher(option.getKey()).matches()
                    : SECRETS.contains(option.getKey());
            if (option.getValue() instanceof ObjectNode section) {
                maskSecrets(section, childPath);
            } else if (secret && !option.getValue().asText().isEmpty()) {
                node.put(option.getKey(), "********");
            }
        });
    }

    /** The built-in defaults as written, with the comments that say what each option does. */
    public static String defaultsYaml() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode merged(Path configFile, Map<String, String> environment) {
        ObjectNode tree = defaults();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException("config file " + configFile + " does not exist");
            }
            mergeInto(tree, readYaml(configFile), "");
        }
        applyEnvironment(tree, "", environment);
        return tree;
    }

    private static LogFlowConfig bind(ObjectNode tree) {
        try {
            return YAML.treeToValue(tree, LogFlowConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid configuration: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode defaults() {
        try {
            return (ObjectNode) YAML.readTree(defaultsYaml());
        } catch (JsonProcessingException e) {
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
            if (PASS_THROUGH.contains(childPath)) {
                target.set(field.getKey(), passThrough(field.getValue(), childPath));
                continue;
            }
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

    private static JsonNode passThrough(JsonNode properties, String path) {
        if (properties == null || properties.isNull()) {
            return YAML.createObjectNode();
        }
        if (!properties.isObject()) {
            throw new ConfigException("expected a mapping of names to values at '" + path + "'");
        }
        properties.properties().forEach(property -> {
            if (!property.getValue().isValueNode()) {
                throw new ConfigException("'" + path + "." + property.getKey() + "' must be a single value");
            }
        });
        return properties;
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

    public static String environmentName(String path) {
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
