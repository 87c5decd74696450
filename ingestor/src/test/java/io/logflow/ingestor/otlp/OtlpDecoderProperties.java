package io.logflow.ingestor.otlp;

import static io.logflow.ingestor.otlp.OtlpRequests.record;
import static io.logflow.ingestor.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.log.LogValidator;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.logflow.ingestor.GeneratedInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decoders' one promise, checked on seeded generated input (seconds in CI): arbitrary bytes, and valid requests with bytes flipped, cut or inserted, are either
 * decoded and mapped onto logs or refused with {@link MalformedOtlpException} (a 4xx) —
 * never another exception (a 5xx), and never slowly.
 */
class OtlpDecoderProperties {

    private static final byte[] PROTOBUF = request("checkout", record("payment declined"), record("retry")
            .setSeverityNumberValue(21)).toByteArray();
    private static final byte[] JSON = OtlpEncodingTest.JSON_REQUEST.getBytes(StandardCharsets.UTF_8);
    private static final OtlpLogMapper MAPPER = new OtlpLogMapper(65_536, () -> 0L);

    /** Decodes and maps within a second, or fails; returns the status of a refusal, 200 otherwise. */
    private static int decodeAndMap(OtlpEncoding encoding, byte[] body) throws Exception {
        CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> {
            try {
                ExportLogsServiceRequest request = encoding.decode(body);
                for (OtlpLogMapper.MappedLog log : MAPPER.map(request, 10_000, LogRoom.upTo(1 << 26))) {
                    if (log.rawLog() != null) {
                        // what the accept path does next must not throw either
                        new LogValidator(65_536).validate(log.rawLog());
                    }
                }
                return 200;
            } catch (MalformedOtlpException e) {
                return e.status();
            }
        });
        return result.get(1, TimeUnit.SECONDS);
    }

    private static void eachDecodedOrRefusedAs4xx(OtlpEncoding encoding, List<byte[]> inputs) throws Exception {
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(decodeAndMap(encoding, inputs.get(i))).as("generated input %d", i).isIn(200, 400, 413);
        }
    }

    @ParameterizedTest
    @EnumSource(OtlpEncoding.class)
    void arbitraryBytesAreDecodedOrRefusedAs4xx(OtlpEncoding encoding) throws Exception {
        eachDecodedOrRefusedAs4xx(encoding, GeneratedInputs.arbitraryBytes(encoding.ordinal(), 250, 2_048));
    }

    @Test
    void mutatedProtobufRequestsAreDecodedOrRefusedAs4xx() throws Exception {
        eachDecodedOrRefusedAs4xx(OtlpEncoding.PROTOBUF, GeneratedInputs.mutationsOf(PROTOBUF, new byte[0], 7, 1_000));
    }

    /** JSON mutated with the characters that change its structure, and digits and hex. */
    @Test
    void mutatedJsonRequestsAreDecodedOrRefusedAs4xx() throws Exception {
        byte[] structure = "{}[]\",:079afx-.e \\".getBytes(StandardCharsets.UTF_8);
        eachDecodedOrRefusedAs4xx(OtlpEncoding.JSON, GeneratedInputs.mutationsOf(JSON, structure, 11, 1_000));
    }
}
