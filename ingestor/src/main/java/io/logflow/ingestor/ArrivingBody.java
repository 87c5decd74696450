package io.logflow.ingestor;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request body read as it arrives, on Jetty's own API: no thread waits for its bytes;
 * whichever thread brings the last of them goes on with the log. Bounded as
 * {@link RequestBody}: never more than the limit kept, a gzip body by its decompressed
 * size, and an announced oversize body refused before it is asked for (so a client
 * expecting {@code 100 Continue} never gets it), or, from a client that sends it at once,
 * read and dropped first when it is at most 1 MiB (the connection stays usable).
 */
final class ArrivingBody implements Runnable {

    /** An oversize body up to this long is read and dropped before it is refused; a longer one is not read. */
    private static final int DROPPED_AT_MOST = 1 << 20;

    /** Where the body goes: all of it, or why there is none. */
    interface Reader {
        void arrived(byte[] body);

        /** @param status 400 (too large, corrupt gzip) or 408 (it did not arrive) */
        void refused(int status, String problem);
    }

    private final Request request;
    private final int limit;
    private final boolean gzip;
    private final Reader reader;
    private byte[] bytes;
    private int length;

    private ArrivingBody(Request request, int limit, boolean gzip, byte[] bytes, Reader reader) {
        this.request = request;
        this.limit = limit;
        this.gzip = gzip;
        this.bytes = bytes;
        this.reader = reader;
    }

    /** Reads the (decompressed) body, at most {@code limit} bytes of it, and hands it to {@code reader}. */
    static void read(Request request, int limit, Reader reader) {
        boolean gzip = isGzip(request);
        long declared = request.getLength();
        if (!gzip && declared > limit) {
            if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
                reader.refused(400, tooLarge(limit)); // it waits to be asked: nothing to drop
            } else {
                // it sends at once: closing with its bytes unread can reset the connection before it reads the answer
                drop(request, DROPPED_AT_MOST, () -> reader.refused(400, tooLarge(limit)));
            }
            return;
        }
        // the usual case: exactly the announced length; else grown as the bytes come
        int capacity = !gzip && declared >= 0 ? (int) declared : Math.min(limit, 4096);
        new ArrivingBody(request, limit, gzip, new byte[capacity], reader).run();
    }

    /**
     * The most {@link #read} can hold of this request's body at once: its announced length,
     * else the limit; for a gzip body its compressed bytes and what they decompress to.
     */
    static long mostHeld(Request request, int limit) {
        if (isGzip(request)) {
            return arrivingAtMost(true, limit) + limit;
        }
        long declared = request.getLength();
        return declared >= 0 ? Math.min(declared, limit) : limit;
    }

    private static boolean isGzip(Request request) {
        return "gzip".equalsIgnoreCase(request.getHeaders().get(HttpHeader.CONTENT_ENCODING));
    }

    // a gzip body of at most the limit, even incompressible, is a few bytes per 64 KiB longer
    private static long arrivingAtMost(boolean gzip, int limit) {
        return gzip ? limit + limit / 8L + 1024 : limit;
    }

    /**
     * Reads and drops a body refused unread (its content type), when it is no longer than
     * {@code limit}, then runs {@code then}: the keep-alive connection stays usable.
     */
    static void drop(Request request, int limit, Runnable then) {
        long declared = request.getLength();
        if (declared < 0 || declared > limit) {
            then.run(); // Jetty closes the connection after the answer
            return;
        }
        new ArrivingBody(request, limit, false, null, new Reader() {
            @Override
            public void arrived(byte[] body) {
                then.run();
            }

            @Override
            public void refused(int status, String problem) {
                then.run();
            }
        }).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                reader.refused(408, "the request body did not arrive: " + chunk.getFailure().getMessage());
                return;
            }
            boolean kept = keep(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (!kept) {
                reader.refused(400, tooLarge(limit));
                return;
            }
            if (last) {
                finish();
                return;
            }
        }
    }

    private boolean keep(ByteBuffer buffer) {
        int size = buffer.remaining();
        if (bytes == null) {
            return true; // dropping
        }
        long room = arrivingAtMost(gzip, limit) - length;
        if (size > room) {
            return false;
        }
        if (length + size > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.max(length + size, Math.min(2L * bytes.length, length + room)));
        }
        buffer.get(bytes, length, size);
        length += size;
        return true;
    }

    private void finish() {
        if (bytes == null) {
            reader.arrived(new byte[0]); // dropped
            return;
        }
        if (!gzip) {
            reader.arrived(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
            return;
        }
        try {
            Optional<byte[]> body = RequestBody.readAtMost(new ByteArrayInputStream(bytes, 0, length), true, -1, limit);
            body.ifPresentOrElse(reader::arrived, () -> reader.refused(400, tooLarge(limit)));
        } catch (ZipException | EOFException e) {
            reader.refused(400, "the gzip body is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("a byte array does not fail to read", e);
        }
    }

    private static String tooLarge(int limit) {
        return "request body exceeds the limit of " + limit + " bytes";
    }
}
