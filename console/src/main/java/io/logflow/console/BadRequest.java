package io.logflow.console;

/** A request the console cannot do as asked: answered 400 (or {@code status}) with the problem named. */
public final class BadRequest extends RuntimeException {

    private final int status;
    private final String field;

    public BadRequest(String field, String message) {
        this(400, field, message);
    }

    public BadRequest(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
