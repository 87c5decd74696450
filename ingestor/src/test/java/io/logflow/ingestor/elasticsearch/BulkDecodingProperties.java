package io.logflow.ingestor.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a client sends, the bulk decoder and the document mapping answer with a
 * result or their own bad-input error, never anything else (which would be a 5xx), and
 * never hang. Inputs are shippers' lines, cut, spliced and garbled; tries are bounded so
 * that the run takes seconds.
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

    @Provide
    Arbitrary<byte[]> bulkBodies() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(LINES),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of(LINES).flatMap(known -> Arbitraries.integers().between(0, known.length())
                        .map(cut -> known.substring(0, cut))));
        Arbitrary<String> body = line.list().ofMaxSize(30).flatMap(lines -> Arbitraries.of("\n", "\r\n", "\n\n")
                .map(separator -> String.join(separator, lines)));
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(body.map(text -> text.getBytes(StandardCharsets.UTF_8)), bytes,
                Combinators.combine(body, bytes).as((text, noise) -> splice(text.getBytes(StandardCharsets.UTF_8), noise)));
    }

    private static byte[] splice(byte[] body, byte[] noise) {
        byte[] spliced = body.clone();
        for (int i = 0; i < noise.length && spliced.length > 0; i += 2) {
            spliced[Math.floorMod(noise[i] * 31 + i, spliced.length)] = i + 1 < noise.length ? noise[i + 1] : 0;
        }
        return spliced;
    }

    @Property(tries = 2_000)
    void decodingAnyBodyGivesActionsOrItsOwnError(@ForAll("bulkBodies") byte[] body) {
        BulkRequest request;
        try {
            request = BulkRequest.decode(body, "path-index");
        } catch (BulkRequest.MalformedBulkException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        for (BulkRequest.Action action : request.actions()) {
            assertThat(Set.of("index", "create", "update", "delete")).contains(action.operation());
            assertThat(action.document() == null).isEqualTo(action.operation().equals("delete"));
            if (action.carriesLog()) {
                mapsOrSaysWhy(action.document());
            }
        }
    }

    @Property(tries = 2_000)
    void mappingAnyDocumentGivesARawLogOrAReason(@ForAll("bulkBodies") byte[] document) {
        mapsOrSaysWhy(document);
    }

    private static void mapsOrSaysWhy(byte[] document) {
        ShipperDocument.Mapped mapped = ShipperDocument.map(document, FieldNames.DEFAULTS, Instant.EPOCH);
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
