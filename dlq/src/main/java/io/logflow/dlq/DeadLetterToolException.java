package io.logflow.dlq;

/** What the dead-letter tool could not do, said so that an operator knows what to do next. */
public class DeadLetterToolException extends RuntimeException {
    public DeadLetterToolException(String message) {
        super(message);
    }
}
