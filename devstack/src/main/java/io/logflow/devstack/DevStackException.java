package io.logflow.devstack;

/** A server of the devstack could not be started or stopped; the message says what to do. */
public class DevStackException extends RuntimeException {
    public DevStackException(String message) {
        super(message);
    }

    public DevStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
