package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LogNormalizer} against the tree-reading reference, on generated raw logs good and bad. */
class StreamingNormalisationTest {

    private static final List<String> TIMESTAMPS = List.of("2024-01-15T10:30:00Z", "2024-01-15T10:30:00.250+02:00",
            "2024-01-15 10:30:00", "2024-01-15t10:30:00.123456789z", "2024-01-15T10:30:00.000Z", "2024-01-15T10:30:00.100000Z",
            "2024-01-15T10:30:00.000123-18:00", "0001-01-01T00:00:00Z", "0000-01-01T00:00:00.120Z", "2024-01-15T10:30:00.000000001Z",
            "2024-01-15T10:30:00.123000Z", "2024-01-15T10:30:00.12Z", "9999-12-31T23:59:59.999999999+00:30",
            "2024-02-29T12:00:00.5Z", "2024-02-31T12:00:00Z", "2024-01-15T24:00:00Z", "2024-01-15T10:30:00+18:01",
            "2024-01-15T10:30", "2024-01-15T10:30:00.Z", "2024-01-15T10:30:00\\u005A", "1e3", "");
    private static final List<String> PIECES = List.of("a", "request 42 done", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t",
            "\\u0000", "\\u001f", "é", "✓", "日本語", "😀", "\\ud83d\\ude00", "\\ud800", "\\udc00x", "\\u00e9", "{\"json\":1}",
            "\u007f", "\\b\\f\\r");
    private static final List<String> OTHER_VALUES = List.of("1", "-2.5e3", "true", "false", "null", "[]", "[1,\"a\"]",
            "{}", "{\"a\":{\"b\":[null]}}");
    private static final List<String> BROKEN = List.of("", "   ", "[1,2]", "\"text\"", "42", "{", "{\"a\":1,}", "{} {}",
            "{}x", "{\"message\":\"m\",\"message\":\"n\"}", "{\"metadata\":{\"k\":\"a\",\"k\":\"b\"}}", "{\"a\":\"\u0001\"}",
            "{\"a\":\"\\x\"}", "{\"a\":[1,2}", "{\"a\":1} // x", "{\"message\":\"unterminated}");

    private final LogNormalizer normalizer = new LogNormalizer("1.0.0");
    private final Random random = new Random(13);

    @Test
    void theStreamingPathWritesWhatTheTreePathWroteAndRefusesWhatItRefused() throws Exception {
        int parsed = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] raw = n % 10 == 9 ? broken() : rawLog();
            String correlationId = random.nextBoolean() ? null : "corr-" + n;
            String ingestKey = random.nextInt(4) == 0 ? "key-\"" + n : null;
            JsonNode expected;
            try {
                expected = TreeLogNormalizer.normalise(raw, "T-0-" + n, "2026-11-28T08:00:00.001Z", correlationId, ingestKey);
            } catch (UnparseableLogException refused) {
                assertRefusedAlike(raw, refused);
                continue;
            }
            byte[] json = normalizer.normalise(raw, "T-0-" + n, "2026-11-28T08:00:00.001Z", correlationId, ingestKey);
            assertThat(Json.mapper().readTree(json)).as(() -> new String(raw, StandardCharsets.UTF_8)).isEqualTo(expected);
            parsed++;
        }
        assertThat(parsed).as("enough of the generated logs are valid").isGreaterThan(5_000);
    }

    private void assertRefusedAlike(byte[] raw, UnparseableLogException refused) {
        try {
            normalizer.normalise(raw, "T-0-1", "2026-11-28T08:00:00.001Z", null, null);
        } catch (UnparseableLogException e) {
            assertThat(e.kind() + ": " + e.getMessage()).as(() -> new String(raw, StandardCharsets.UTF_8))
                    .isEqualTo(refused.kind() + ": " + refused.getMessage());
            return;
        }
        throw new AssertionError("accepted what the tree path refused (" + refused.getMessage() + "): "
                + new String(raw, StandardCharsets.UTF_8));
    }

    private byte[] rawLog() {
        StringBuilder log = new StringBuilder("{");
        field(log, "timestamp", random.nextInt(6) == 0 ? pick(TIMESTAMPS) : "2026-11-28T10:00:00.123Z");
        field(log, "level", pick(List.of("INFO", "warning", "Panic", "nope", "")));
        field(log, "message", text(random.nextInt(40) == 0 ? 9_990 + random.nextInt(20) : 1 + random.nextInt(12)));
        field(log, "service", pick(List.of("api-gateway", "user_service-2", "", "bad service", "é")));
        field(log, "unknown", text(3));
        if (random.nextInt(3) > 0) {
            log.append(random.nextBoolean() ? " \"metadata\" : {" : "\"metadata\":{");
            int entries = random.nextInt(20) == 0 ? 200 : random.nextInt(4);
            for (int e = 0; e < entries; e++) {
                String key = e == 0 && random.nextInt(5) == 0 ? pick(List.of("original_level", "service_defaulted"))
                        : "k" + e + pick(List.of("", "é", "\\\"", "\\u00e9x"));
                log.append(e > 0 ? "," : "").append('"').append(key).append("\":");
                log.append(random.nextInt(50) == 0 ? pick(OTHER_VALUES) : "\"" + text(1 + random.nextInt(4)) + "\"");
            }
            log.append("},");
        }
        log.setLength(log.length() - 1);
        return withRandomOverlong((log.length() == 0 ? "{" : log) + "}\n");
    }

    /** A field, left out, null, of another type, or a string of the given text, in random order of choice. */
    private void field(StringBuilder log, String name, String text) {
        switch (random.nextInt(30)) {
            case 0 -> { }
            case 1 -> log.append('"').append(name).append("\":null,");
            case 2 -> log.append('"').append(name).append("\":").append(pick(OTHER_VALUES)).append(',');
            default -> log.append('"').append(name).append("\":\"").append(text).append("\",");
        }
    }

    private String text(int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(random.nextInt(3) == 0 ? pick(PIECES) : PIECES.get(1));
        }
        return text.toString();
    }

    /** Now and then an overlong encoding of '/', which Jackson decodes without complaint. */
    private byte[] withRandomOverlong(String log) {
        byte[] utf8 = log.getBytes(StandardCharsets.UTF_8);
        int request = log.indexOf("request");
        if (request < 0 || random.nextInt(100) != 0) {
            return utf8;
        }
        int at = log.substring(0, request).getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(utf8, 0, at);
        bytes.write(0xC0);
        bytes.write(0xAF);
        bytes.write(utf8, at, utf8.length - at);
        return bytes.toByteArray();
    }

    private byte[] broken() {
        return pick(BROKEN).getBytes(StandardCharsets.UTF_8);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
