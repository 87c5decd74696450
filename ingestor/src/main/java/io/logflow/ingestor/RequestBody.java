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
public final class RequestBody {

    private RequestBody() {}

    /**
     * The (decompressed) body, or empty when it is longer than {@code limit} bytes, with
     * {@code copies} times its bytes reserved on {@code memory}: all at once before it is
     * read when its length is announced (requests that each held a part of what they need
     * could otherwise all be refused the rest), else as it is decompressed and the rest
     * once it is read.
     *
     * @param copies how many copies of the body the request holds at its peak
     * @throws RequestMemory.Exhausted when {@code memory} has no room for them
     */
    static Optional<byte[]> readAtMost(Context ctx, int limit, RequestMemory.Lease memory, int copies)
            throws IOException {
        boolean gzip = "gzip".equalsIgnoreCase(ctx.header("Content-Encoding"));
        long declared = ctx.req().getContentLengthLong();
        if (!gzip && declared > limit) {
            // refused before asking for the body's stream: asking sends "100 Continue" to a client that expects it
            return Optional.empty();
        }
        if (!gzip && declared >= 0) {
            memory.reserve(copies * declared); // before asking for the stream: a refused client sends no body
            return readAtMost(ctx.req().getInputStream(), false, declared, limit);
        }
        InputStream raw = ctx.req().getInputStream();
        Optional<byte[]> body = readAtMost(memory.reading(gzip ? new GZIPInputStream(raw) : raw), false, -1, limit);
        if (body.isPresent()) {
            memory.reserve((copies - 1L) * body.get().length);
        }
        return body;
    }

    /**
     * Reads and drops a body that is refused unread or part read (its content type, no room
     * in the request memory), when it is no longer than {@code limit}: the client then hears
     * the answer (one still sending its body may otherwise see the connection reset instead)
     * and its keep-alive connection stays usable for its next request.
     */
    public static void discardAtMost(Context ctx, int limit) {
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
                // the usual case: read exactly what was announced straight into its array (readNBytes(n)
                // reads into parts and copies them into a new array: twice the body at its end)
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                if (read < declared) {
                    throw new IOException("the body ended after " + read + " of " + declared + " bytes");
                }
                return Optional.of(body);
            }
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? Optional.empty() : Optional.of(body);
        }
    }
}
