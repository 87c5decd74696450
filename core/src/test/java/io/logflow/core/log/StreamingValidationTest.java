package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LogValidator} against the tree-reading reference, on generated bodies good and bad:
 * every field of every type, in any order, escaped names, duplicates, broken and trailing JSON.
 */
class StreamingValidationTest {

    private static final List<String> TIMESTAMPS = List.of("2026-11-28T10:00:00.123Z", "2024-01-15 10:30:00",
            "2024-01-15t10:30:00.123456789z", "2024-02-31T12:00:00Z", "2024-01-15T24:00:00Z", "2024-01-15T10:30",
            "2024-01-15T10:30:00.Z", "2024-01-15T10:30:00\\u005A", "2024-01-15T10:30:00+18:01", "", "é");
    private static final List<String> LEVELS = List.of("INFO", "warning", "Panic", "nope", "", "\\u0049NFO", "ınfo");
    private static final List<String> SERVICES = List.of("api-gateway", "user_service-2", "", "bad service", "é", "a\\u002Db");
    private static final List<String> PIECES = List.of("a", "request 42 done", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t",
            "\\u0000", "\\u001f", "é", "✓", "日本語", "😀", "\\ud83d\\ude00", "\\ud800", "\\u00e9", "{\"json\":1}", "\u007f",
            "\\b\\f\\r");
    private static final List<String> BAD_PIECES = List.of("\\x", "\u0001", "\t", "\\u12", "\\uZZZZ");
    private static final List<String> OTHER_VALUES = List.of("1", "-0", "-2.5e3", "1e999999", "1E-400", "0.1",
            "123456789012345678901234567890", "-9223372036854775809", "true", "false", "null", "[]", "[1,\"a\",null]",
            "{}", "{\"a\":{\"b\":[null]}}", "\"\\u0041\"");
    private static final List<String> BROKEN_VALUES = List.of("{\"a\":1,\"a\":2}", "[{\"x\":\"y\",\"x\":1}]", "01", "1.", "-",
            "+1", "NaN", "tru", "nul", "[1,]", "{\"a\"}", "'s'", "\"\\x\"", "[" + "1".repeat(1_001) + "]", "1".repeat(1_001));
    private static final List<String> FIELDS = List.of("timestamp", "level", "message", "service", "metadata");
    private static final List<String> TOP_LEVEL = List.of("[1,2]", "\"text\"", "42", "null", "true", "[]", "[1] 2",
            "\"a\" \"b\"", "[", "]", "}", "{", ",", "nope", "  \u00a0{}", "{}\u0000", "{} {}", "{}x", "{} // x", "{}]",
            "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{a:1}", "{\"a\":1}\n\n ", " \t\r\n{}", "{}\f");

    private final LogValidator validator = new LogValidator(1 << 20);
    private final Random random = new Random(17);

    @Test
    void theStreamingPathFindsWhatTheTreePathFound() {
        int valid = 0;
        int notJson = 0;
        for (int n = 0; n < 20_000; n++) {
            String body = switch (n % 20) {
                case 17 -> pick(TOP_LEVEL);
                case 18 -> truncated(log());
                case 19 -> nested(random.nextInt(4) == 0 ? 995 + random.nextInt(10) : random.nextInt(40));
                default -> log();
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            List<ValidationError> expected = TreeLogValidator.validate(bytes);
            List<ValidationError> errors = validator.validate(bytes);
            assertThat(errors).as(body).isEqualTo(expected).noneMatch(error -> error.field().equals("body"));
            if (errors.isEmpty()) {
                assertThat(validator.verdict(bytes).service()).as(body).isEqualTo(serviceInTree(bytes));
            }
            valid += errors.isEmpty() ? 1 : 0;
            notJson += !errors.isEmpty() && errors.getFirst().field().equals("json") ? 1 : 0;
        }
        assertThat(valid).as("enough of the generated logs are valid").isGreaterThan(2_000);
        assertThat(notJson).as("enough of the generated bodies are not JSON or not an object").isGreaterThan(2_000);
    }

    /** The service as the ingestor used to read it for a key limited to some services: a Jackson tree. */
    private static String serviceInTree(byte[] body) {
        try {
            return Json.mapper().readTree(body).path("service").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A log's fields in random order, each left out, null, of another type, or a string; now and then one twice. */
    private String log() {
        List<String> fields = new ArrayList<>();
        fields.add(field("timestamp", quoted(mostlyFirst(TIMESTAMPS))));
        fields.add(field("level", quoted(mostlyFirst(LEVELS))));
        fields.add(field("message", quoted(text(random.nextInt(40) == 0 ? 9_990 + random.nextInt(20) : random.nextInt(12) + (random.nextInt(20) == 0 ? 0 : 1)))));
        fields.add(field("service", quoted(mostlyFirst(SERVICES))));
        fields.add(field("metadata", metadata()));
        fields.add(field(random.nextBoolean() ? "unknown" : "Level", random.nextInt(3) == 0 ? other() : quoted(text(3))));
        if (random.nextInt(25) == 0) {
            String name = pick(FIELDS);
            fields.add('"' + (random.nextBoolean() ? name : escapedFirstLetter(name)) + "\":\"again\"");
        }
        fields.removeIf(String::isEmpty);
        Collections.shuffle(fields, random);
        String separator = random.nextInt(5) == 0 ? " ,\n " : ",";
        return pick(List.of("", " ", "\n")) + "{" + String.join(separator, fields) + "}" + pick(List.of("", "\n", " \r\n"));
    }

    private String field(String name, String value) {
        String key = '"' + (random.nextInt(30) == 0 ? escapedFirstLetter(name) : name) + "\":";
        return switch (random.nextInt(40)) {
            case 0 -> "";
            case 1 -> key + "null";
            case 2, 3 -> key + other();
            default -> key + value;
        };
    }

    private String metadata() {
        if (random.nextInt(10) == 0) {
            return other();
        }
        int entries = random.nextInt(20) == 0 ? 100 : random.nextInt(5);
        StringBuilder metadata = new StringBuilder("{");
        for (int e = 0; e < entries; e++) {
            String key = random.nextInt(40) == 0 && e > 0 ? "k0" : "k" + e + pick(List.of("", "é", "\\\"", "\\u00e9x", ".x"));
            metadata.append(e > 0 ? "," : "").append('"').append(key).append("\":");
            metadata.append(random.nextInt(15) == 0 ? other() : quoted(text(random.nextInt(4))));
        }
        return metadata.append('}').toString();
    }

    /** A log with an unknown field nested depth deep, under the metadata now and then. */
    private String nested(int depth) {
        String value = (random.nextBoolean() ? "[" : "{\"n\":").repeat(1) + "[".repeat(depth) + "]".repeat(depth)
                + (random.nextBoolean() ? "]" : "}");
        String where = random.nextBoolean() ? "\"deep\":" + value : "\"metadata\":{\"k\":" + value + "}";
        return "{\"timestamp\":\"2026-11-28T10:00:00Z\",\"level\":\"INFO\",\"message\":\"m\"," + where + "}";
    }

    private String truncated(String log) {
        String cut = log.substring(0, random.nextInt(log.length()));
        return cut.isBlank() ? "{" : cut;
    }

    private static String escapedFirstLetter(String name) {
        return String.format("\\u%04x", (int) name.charAt(0)) + name.substring(1);
    }

    private String quoted(String text) {
        return '"' + text + '"';
    }

    private String text(int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            int roll = random.nextInt(60);
            text.append(roll == 0 ? pick(BAD_PIECES) : roll < 20 ? pick(PIECES) : PIECES.get(1));
        }
        return text.toString();
    }

    /** A value of another type than a string, or now and then one that is not JSON. */
    private String other() {
        return random.nextInt(4) == 0 ? pick(BROKEN_VALUES) : pick(OTHER_VALUES);
    }

    private String mostlyFirst(List<String> values) {
        return random.nextInt(3) > 0 ? values.getFirst() : pick(values);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
