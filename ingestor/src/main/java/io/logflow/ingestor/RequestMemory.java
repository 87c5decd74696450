package io.logflow.ingestor;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory the requests ({@code POST /logs}, {@code _bulk}, OTLP, and {@code POST /log}
 * until its log is handed to Kafka) may hold at once: each request's body as it is read
 * (after decompression) and the logs made from it, reserved before they are kept and given
 * back when its answer is written. Without it
 * two 16 MB batches at once ran the ingestor's 60 MB heap out ({@code OutOfMemoryError},
 * answered 500). A request that does not fit is refused instead, as Elasticsearch refuses
 * indexing over its indexing pressure limit: {@code 429} when other requests hold the
 * memory (it is free again soon), {@code 413} when the request alone needs more than all
 * of it.
 */
public final class RequestMemory {

    private final long limit;
    private final Counter refusals;
    private final AtomicLong held = new AtomicLong();

    /** @param refusals counts the requests refused */
    public RequestMemory(long limit, Counter refusals) {
        this.limit = limit;
        this.refusals = refusals;
    }

    public Lease lease() {
        return new Lease();
    }

    /** Bytes the requests hold now. */
    long held() {
        return held.get();
    }

    /** A reservation that does not fit; an {@link IOException} so that it can end a body being read. */
    public static final class Exhausted extends IOException {
        private final boolean alone;

        private Exhausted(boolean alone, String message) {
            super(message);
            this.alone = alone;
        }

        /** Whether the request alone needs more than the limit: no retry can mend it. */
        public boolean alone() {
            return alone;
        }

        /** The HTTP status of the refusal: 413 when no retry can mend it, else 429. */
        public int status() {
            return alone ? 413 : 429;
        }
    }

    /** One request's share; closed when its answer is written. Used by one thread at a time. */
    public final class Lease implements AutoCloseable {
        private long reserved;

        public void reserve(long bytes) throws Exhausted {
            if (reserved + bytes > limit) {
                refusals.increment();
                throw new Exhausted(true, "the request needs more than the " + limit + " bytes of memory the"
                        + " ingestor gives all requests together (ingestor.max_request_memory_bytes): send smaller"
                        + " batches");
            }
            if (held.addAndGet(bytes) > limit) {
                held.addAndGet(-bytes);
                refusals.increment();
                throw new Exhausted(false, "the ingestor's requests already hold its " + limit + " bytes of request"
                        + " memory (ingestor.max_request_memory_bytes)");
            }
            reserved += bytes;
        }

        /** {@code body}, reserving each part of it as it is read. */
        public InputStream reading(InputStream body) {
            return new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        reserve(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        reserve(read);
                    }
                    return read;
                }
            };
        }

        @Override
        public void close() {
            held.addAndGet(-reserved);
            reserved = 0;
        }
    }
}
