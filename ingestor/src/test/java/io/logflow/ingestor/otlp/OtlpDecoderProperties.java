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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The decoders' one promise, checked on generated input with bounded tries (seconds in
 * CI): arbitrary bytes, and valid requests with bytes flipped, cut or inserted, are either
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
                for (OtlpLogMapper.MappedLog log : MAPPER.map(request, 10_000, 1 << 26)) {
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

    @Property(tries = 500)
    void arbitraryBytesAreDecodedOrRefusedAs4xx(@ForAll("bytes") byte[] body, @ForAll OtlpEncoding encoding)
            throws Exception {
        assertThat(decodeAndMap(encoding, body)).isIn(200, 400, 413);
    }

    @Property(tries = 1_000)
    void mutatedProtobufRequestsAreDecodedOrRefusedAs4xx(@ForAll("mutatedProtobuf") byte[] body) throws Exception {
        assertThat(decodeAndMap(OtlpEncoding.PROTOBUF, body)).isIn(200, 400, 413);
    }

    @Property(tries = 1_000)
    void mutatedJsonRequestsAreDecodedOrRefusedAs4xx(@ForAll("mutatedJson") byte[] body) throws Exception {
        assertThat(decodeAndMap(OtlpEncoding.JSON, body)).isIn(200, 400, 413);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2_048);
    }

    @Provide
    Arbitrary<byte[]> mutatedProtobuf() {
        return mutationsOf(PROTOBUF, Arbitraries.bytes());
    }

    /** JSON mutated with the characters that change its structure, and digits and hex. */
    @Provide
    Arbitrary<byte[]> mutatedJson() {
        return mutationsOf(JSON, Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '0', '7', '9', 'a', 'f', 'x', '-', '.',
                'e', ' ', '\\').map(c -> (byte) c.charValue()));
    }

    private static Arbitrary<byte[]> mutationsOf(byte[] valid, Arbitrary<Byte> replacements) {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.of(Mutation.Kind.values()), Arbitraries.integers().between(0, valid.length - 1),
                replacements).as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(8).map(mutations -> apply(valid, mutations));
    }

    private record Mutation(Kind kind, int at, byte value) {
        enum Kind { FLIP, CUT, INSERT, DELETE }
    }

    private static byte[] apply(byte[] valid, List<Mutation> mutations) {
        byte[] body = valid.clone();
        for (Mutation mutation : mutations) {
            int at = Math.min(mutation.at(), Math.max(0, body.length - 1));
            body = switch (mutation.kind()) {
                case FLIP -> {
                    if (body.length > 0) {
                        body[at] = mutation.value();
                    }
                    yield body;
                }
                case CUT -> java.util.Arrays.copyOf(body, at);
                case INSERT -> {
                    byte[] longer = new byte[body.length + 1];
                    System.arraycopy(body, 0, longer, 0, at);
                    longer[at] = mutation.value();
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    yield longer;
                }
                case DELETE -> {
                    if (body.length == 0) {
                        yield body;
                    }
                    byte[] shorter = new byte[body.length - 1];
                    System.arraycopy(body, 0, shorter, 0, at);
                    System.arraycopy(body, at + 1, shorter, at, body.length - at - 1);
                    yield shorter;
                }
            };
        }
        return body;
    }

}
