package io.logflow.ingestor.otlp;

/**
 * A request the OTLP input cannot take as sent: its HTTP status (400 undecodable, 413 too
 * large, 415 unsupported content type; 429 only while the ingestor's request memory is
 * held by others) and why.
 */
public final class MalformedOtlpException extends Exception {

    private final int status;

    MalformedOtlpException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
