package io.logflow.ingestor.otlp;

/**
 * Where the logs of one OTLP request take their bytes as {@link OtlpLogMapper} writes them
 * out (a resource's attributes are repeated in each of its logs, so they can outgrow the
 * body): refuses, with the answer's status, a log that does not fit.
 */
@FunctionalInterface
public interface LogRoom {

    void take(long bytes) throws MalformedOtlpException;

    /** At most {@code maxBytes} for all of a request's logs; 413 beyond. */
    static LogRoom upTo(long maxBytes) {
        long[] taken = {0};
        return bytes -> {
            taken[0] += bytes;
            if (taken[0] > maxBytes) {
                throw new MalformedOtlpException(413, "the request's logs, each with its resource's attributes,"
                        + " exceed " + maxBytes + " bytes (send smaller batches)");
            }
        };
    }

    /** This room, then {@code next}: a log must fit in both. */
    default LogRoom and(LogRoom next) {
        return bytes -> {
            take(bytes);
            next.take(bytes);
        };
    }
}
