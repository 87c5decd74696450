package io.logflow.ingestor;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body, but never more than a limit: a client that sends 10 MB gets its
 * 400 after the first 64 KB, and the ingestor's memory stays bounded by the limit.
 */
final class RequestBody {

    private RequestBody() {}

    /** The body, or empty when it is longer than {@code limit} bytes. */
    static Optional<byte[]> readAtMost(Context ctx, int limit) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            return Optional.empty();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? Optional.empty() : Optional.of(body);
        }
    }
}
