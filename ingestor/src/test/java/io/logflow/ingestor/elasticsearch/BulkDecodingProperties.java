package io.logflow.ingestor.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import io.logflow.ingestor.GeneratedInputs;
import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the bulk decoder and the document mapping answer with a
 * result or their own bad-input error, never anything else (which would be a 5xx), and
 * never hang. Inputs are shippers' lines, cut, spliced and garbled, seeded and bounded so
 * that the run takes seconds and a failing input is the same on every run.
 */
class BulkDecodingProperties {

    private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    private static final List<String> LINES = List.of(
            "{\"index\":{}}", "{\"create\":{\"_index\":\"a\",\"_id\":\"1\"}}", "{\"delete\":{\"_id\":2}}",
            "{\"update\":{\"_id\":\"3\"}}", "{\"index\":{\"_id\":null,\"pipeline\":{\"x\":[1,{}]}}}",
            "{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"message\":\"m\",\"log\":{\"level\":\"warn\"}}",
            "{\"msg\":\"m\",\"time\":1714557600123456789,\"severity\":7}", "{\"log\":\"x\",\"date\":1714557600.5}",
            "{\"MESSAGE\":\"m\",\"ISODATE\":\"2024-05-01T10:00:00+02:00\",\"PRIORITY\":\"crit\",\"PROGRAM\":\"p q\"}",
            "{\"message\":{\"nested\":true},\"service\":{\"name\":[1,2]}}", "[]", "\"s\"", "null", "", " ", "{", "}",
            "{\"\":{\"\":\"\"}}", "{\"message\":\"m\",\"time\":\"+999999999-12-31T23:59:59Z\"}",
            "{\"message\":\"m\",\"@timestamp\":-1,\"level\":1e400}");

    /** Bodies of shippers' lines, cut, spliced and garbled, and arbitrary bytes; seeded, so a failure repeats. */
    private static List<byte[]> bulkBodies(long seed, int count) {
        Random random = new Random(seed);
        List<byte[]> bodies = new ArrayList<>(count);
        List<byte[]> noise = GeneratedInputs.arbitraryBytes(seed, count, 200);
        for (int i = 0; i < count; i++) {
            byte[] text = body(random).getBytes(StandardCharsets.UTF_8);
            bodies.add(switch (i % 3) {
                case 0 -> text;
                case 1 -> noise.get(i);
                default -> splice(text, noise.get(i));
            });
        }
        return bodies;
    }

    private static String body(Random random) {
        List<String> lines = new ArrayList<>();
        for (int n = random.nextInt(31); n > 0; n--) {
            String known = LINES.get(random.nextInt(LINES.size()));
            lines.add(switch (random.nextInt(3)) {
                case 0 -> known;
                case 1 -> known.substring(0, random.nextInt(known.length() + 1));
                default -> randomText(random, random.nextInt(41));
            });
        }
        return String.join(List.of("\n", "\r\n", "\n\n").get(random.nextInt(3)), lines);
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private static byte[] splice(byte[] body, byte[] noise) {
        byte[] spliced = body.clone();
        for (int i = 0; i < noise.length && spliced.length > 0; i += 2) {
            spliced[Math.floorMod(noise[i] * 31 + i, spliced.length)] = i + 1 < noise.length ? noise[i + 1] : 0;
        }
        return spliced;
    }

    @Test
    void decodingAnyBodyGivesActionsOrItsOwnError() {
        List<byte[]> bodies = bulkBodies(1, 2_000);
        for (int i = 0; i < bodies.size(); i++) {
            BulkRequest request;
            try {
                request = BulkRequest.decode(bodies.get(i), "path-index");
            } catch (BulkRequest.MalformedBulkException expected) {
                assertThat(expected.getMessage()).as("body %d", i).isNotBlank();
                continue;
            }
            for (BulkRequest.Action action : request.actions()) {
                assertThat(Set.of("index", "create", "update", "delete")).contains(action.operation());
                assertThat(action.document() == null).isEqualTo(action.operation().equals("delete"));
                if (action.carriesLog()) {
                    mapsOrSaysWhy(action.document());
                }
            }
        }
    }

    @Test
    void mappingAnyDocumentGivesARawLogOrAReason() {
        bulkBodies(2, 2_000).forEach(BulkDecodingProperties::mapsOrSaysWhy);
    }

    private static void mapsOrSaysWhy(byte[] document) {
        ShipperDocument.Mapped mapped = ShipperDocument.map(document, DefaultFieldNames.DEFAULTS, Instant.EPOCH);
        if (mapped.error() != null) {
            assertThat(mapped.rawLog()).isNull();
            return;
        }
        try {
            JsonNode log = Json.mapper().readTree(mapped.rawLog());
            assertThat(log.get("message").textValue()).isNotEmpty();
            assertThat(LEVELS).contains(log.get("level").textValue());
            assertThat(log.get("timestamp").isTextual()).isTrue();
            log.path("metadata").forEach(value -> assertThat(value.isTextual()).isTrue());
        } catch (java.io.IOException e) {
            throw new AssertionError("the mapping wrote JSON it cannot read back", e);
        }
    }
}
