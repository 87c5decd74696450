package io.logflow.ingestor;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body, but never more than a limit: a client that sends 10 MB gets its
 * 400 after the first 64 KB, and the ingestor's memory stays bounded by the limit. A
 * gzip body ({@code Content-Encoding: gzip}) is bounded by its decompressed size.
 */
final class RequestBody {

    private RequestBody() {}

    /** The (decompressed) body, or empty when it is longer than {@code limit} bytes. */
    static Optional<byte[]> readAtMost(Context ctx, int limit) throws IOException {
        boolean gzip = "gzip".equalsIgnoreCase(ctx.header("Content-Encoding"));
        long declared = ctx.req().getContentLengthLong();
        if (!gzip && declared > limit) {
            // refused before asking for the body's stream: asking sends "100 Continue" to a client that expects it
            return Optional.empty();
        }
        return readAtMost(ctx.req().getInputStream(), gzip, declared, limit);
    }

    /**
     * Reads and drops a body that is refused unread (its content type), when it is no longer
     * than {@code limit}: the keep-alive connection then stays usable for the client's next
     * request instead of being closed under it after the answer.
     */
    static void discardAtMost(Context ctx, int limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared < 0 || declared > limit) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            in.skipNBytes(declared);
        } catch (IOException e) {
            // the client went away or sent less: the connection closes either way
        }
    }

    /** @param declared the announced length of a body that is not gzip, or -1 when it is not known */
    static Optional<byte[]> readAtMost(InputStream raw, boolean gzip, long declared, int limit) throws IOException {
        if (!gzip && declared > limit) {
            return Optional.empty();
        }
        try (raw; InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            if (!gzip && declared >= 0) {
                // the usual case: read exactly what was announced, not into a buffer sized for the limit
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    throw new IOException("the body ended after " + body.length + " of " + declared + " bytes");
                }
                return Optional.of(body);
            }
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? Optional.empty() : Optional.of(body);
        }
    }
}
