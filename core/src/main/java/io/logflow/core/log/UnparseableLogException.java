package io.logflow.core.log;

/** A raw log the parser cannot turn into a parsed log; its message is the dead letter's reason. */
public class UnparseableLogException extends RuntimeException {
    public UnparseableLogException(String reason) {
        super(reason);
    }
}
