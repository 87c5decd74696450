package io.logflow.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A secret option: its value, or the content of the file its {@code *_file} option names (trailing newline removed). */
public final class Secret {

    private Secret() {}

    /** @return the secret, or empty when neither is set */
    public static String read(String option, String value, String file) {
        boolean hasValue = value != null && !value.isEmpty();
        boolean hasFile = file != null && !file.isEmpty();
        if (hasValue && hasFile) {
            throw new ConfigException(option + " and " + option + "_file are both set: set one");
        }
        if (!hasFile) {
            return hasValue ? value : "";
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + option + "_file " + file + ": " + e.getMessage());
        }
    }
}
