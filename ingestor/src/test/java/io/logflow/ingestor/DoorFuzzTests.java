package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logflow.core.log.LogValidator;
import io.logflow.core.metrics.StageMeters;
import io.logflow.ingestor.elasticsearch.BulkRequest;
import io.logflow.ingestor.elasticsearch.DefaultFieldNames;
import io.logflow.ingestor.elasticsearch.FieldNames;
import io.logflow.ingestor.elasticsearch.ShipperDocument;
import io.logflow.ingestor.otlp.OtlpAnswer;
import io.logflow.ingestor.otlp.OtlpLogMapper;
import io.logflow.ingestor.otlp.OtlpLogsInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Coverage-guided fuzzing (Jazzer) of every decoder behind the ingestor's doors: the bulk
 * NDJSON and its action lines, a shipper document's field mapping, OTLP protobuf and
 * JSON, gzip bodies. Each target holds one promise: the input is decoded, or refused
 * with the decoder's own 4xx error — no other exception (that would be a 5xx), and memory
 * bounded by the limits (a bigger allocation fails the run as an out-of-memory finding).
 *
 * <p>In a normal test run each target replays its corpus, kept in
 * {@code src/test/resources/io/logflow/ingestor/DoorFuzzTestsInputs/<target>/} (regression
 * mode, milliseconds). {@code JAZZER_FUZZ=1} fuzzes one target for its
 * {@code maxDuration}: see the README's "Fuzzing the doors".
 */
class DoorFuzzTests {

    private static final int LIMIT = 65_536;
    private static final LogValidator VALIDATOR = new LogValidator(LIMIT);
    private static final MockProducer<byte[], byte[]> KAFKA =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private static final OtlpLogsInput OTLP = otlpInput();
    private static final RequestMemory MEMORY = new RequestMemory(1 << 26, new SimpleMeterRegistry().counter("refusals"));

    private static OtlpLogsInput otlpInput() {
        IngestorMetrics metrics = new IngestorMetrics(new StageMeters(new SimpleMeterRegistry()));
        LogAcceptor acceptor = new LogAcceptor(VALIDATOR,
                new RawLogPublisher(KAFKA, "raw_logs", Duration.ofSeconds(1), 1 << 24), metrics);
        return new OtlpLogsInput(acceptor, new OtlpLogMapper(LIMIT, () -> 0L), metrics, LIMIT, 1_000, 1);
    }

    @FuzzTest(maxDuration = "30s")
    void bulkRequest(byte[] body) {
        try {
            for (BulkRequest.Action action : BulkRequest.decode(body, null).actions()) {
                if (action.carriesLog()) {
                    validateMapped(ShipperDocument.map(action.document(), DefaultFieldNames.DEFAULTS, Instant.EPOCH));
                }
            }
        } catch (BulkRequest.MalformedBulkException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /**
     * The field mapping with the field names a request chose: the input's first line is a
     * query string ({@code _msg_field=text&_time_field=at}), the rest the document.
     */
    @FuzzTest(maxDuration = "30s")
    void shipperDocument(byte[] input) {
        int newline = 0;
        while (newline < input.length && input[newline] != '\n') {
            newline++;
        }
        Map<String, String> arguments = new HashMap<>();
        for (String argument : new String(input, 0, newline, StandardCharsets.UTF_8).split("&")) {
            String[] nameAndValue = argument.split("=", 2);
            arguments.put(nameAndValue[0], nameAndValue.length == 2 ? nameAndValue[1] : "");
        }
        FieldNames names = DefaultFieldNames.DEFAULTS.overriddenBy(arguments::get);
        byte[] document = Arrays.copyOfRange(input, Math.min(newline + 1, input.length), input.length);
        validateMapped(ShipperDocument.map(document, names, Instant.EPOCH));
    }

    @FuzzTest(maxDuration = "30s")
    void otlpProtobuf(byte[] body) throws IOException {
        exportIsAnsweredWithoutAServerError("application/x-protobuf", null, body);
    }

    @FuzzTest(maxDuration = "30s")
    void otlpJson(byte[] body) throws IOException {
        exportIsAnsweredWithoutAServerError("application/json", null, body);
    }

    /** A gzip body at both doors: bounded after decompression, a corrupt stream a 400. */
    @FuzzTest(maxDuration = "30s")
    void gzipBody(byte[] body) throws IOException {
        exportIsAnsweredWithoutAServerError("application/x-protobuf", "gzip", body);
        try {
            Optional<byte[]> bulk = RequestBody.readAtMost(new ByteArrayInputStream(body), true, body.length, LIMIT);
            bulk.ifPresent(bytes -> assertThat(bytes.length).isLessThanOrEqualTo(LIMIT));
        } catch (ZipException | EOFException corrupt) {
            // ElasticsearchInput answers these 400
        }
    }

    private static void validateMapped(ShipperDocument.Mapped mapped) {
        if (mapped.rawLog() == null) {
            assertThat(mapped.error()).isNotBlank();
        } else {
            VALIDATOR.validate(mapped.rawLog());
        }
    }

    private static void exportIsAnsweredWithoutAServerError(String contentType, String encoding, byte[] body)
            throws IOException {
        OtlpAnswer answer;
        try (RequestMemory.Lease lease = MEMORY.lease()) {
            answer = OTLP.export(contentType, encoding, new ByteArrayInputStream(body), "fuzz", lease);
        }
        KAFKA.clear();
        assertThat(answer.status()).isIn(200, 400, 413);
    }
}
