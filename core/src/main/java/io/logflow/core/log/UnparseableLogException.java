package io.logflow.core.log;

/**
 * A raw log the parser cannot turn into a parsed log; its message is the dead letter's
 * reason, its kind a short, bounded name for metrics (invalid_timestamp, wrong_type, ...).
 */
public class UnparseableLogException extends RuntimeException {

    private final String kind;

    public UnparseableLogException(String kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
