package io.logflow.ingestor.otlp;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.Map;

/**
 * An answer of the OTLP input, free of any HTTP server: status, headers and body, the
 * body in the request's encoding. 200 carries an {@code ExportLogsServiceResponse}
 * ({@code partial_success} set only when records were rejected); every 4xx and 5xx a
 * {@code google.rpc.Status} whose message says why.
 */
public record OtlpAnswer(int status, Map<String, String> headers, byte[] body) {

    /** google.rpc.Status (code 1, message 2; details unused), described here so that protobuf-java encodes it. */
    private static final Descriptors.Descriptor STATUS = statusDescriptor();

    static OtlpAnswer exported(OtlpEncoding encoding, long rejected, String reason) {
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (rejected > 0) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(rejected).setErrorMessage(reason));
        }
        return new OtlpAnswer(200, Map.of("Content-Type", encoding.contentType()), encoding.encode(response.build()));
    }

    public static OtlpAnswer failed(OtlpEncoding encoding, int status, String reason) {
        DynamicMessage body = DynamicMessage.newBuilder(STATUS)
                .setField(STATUS.findFieldByName("code"), grpcCode(status))
                .setField(STATUS.findFieldByName("message"), reason)
                .build();
        return new OtlpAnswer(status, Map.of("Content-Type", encoding.contentType()), encoding.encode(body));
    }

    /** 503 with the Retry-After that OTLP clients honour. */
    static OtlpAnswer unavailable(OtlpEncoding encoding, int retryAfterSeconds, String reason) {
        return unavailable(encoding, 503, retryAfterSeconds, reason);
    }

    /** {@code status} (429 or 503: OTLP's retryable ones) with the Retry-After that OTLP clients honour. */
    static OtlpAnswer unavailable(OtlpEncoding encoding, int status, int retryAfterSeconds, String reason) {
        OtlpAnswer answer = failed(encoding, status, reason);
        return new OtlpAnswer(status, Map.of("Content-Type", encoding.contentType(),
                "Retry-After", Integer.toString(retryAfterSeconds)), answer.body());
    }

    /** The gRPC code of the same failure, for clients that log it (OTLP/HTTP does not use it). */
    private static int grpcCode(int status) {
        return switch (status) {
            case 400 -> 3; // INVALID_ARGUMENT
            case 401 -> 16; // UNAUTHENTICATED
            case 413 -> 8; // RESOURCE_EXHAUSTED
            case 415 -> 3;
            case 429, 503 -> 14; // UNAVAILABLE
            default -> 2; // UNKNOWN
        };
    }

    private static Descriptors.Descriptor statusDescriptor() {
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("google/rpc/status.proto").setPackage("google.rpc").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Status")
                        .addField(field("code", 1, FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(field("message", 2, FieldDescriptorProto.Type.TYPE_STRING)))
                .build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0])
                    .findMessageTypeByName("Status");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("google.rpc.Status could not be described", e);
        }
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(name).build();
    }
}
