package io.logflow.core.log;

/** The rule for a log's message: not empty, at most 10,000 characters. */
public final class LogMessage {

    public static final int MAX_CHARACTERS = 10_000;

    private LogMessage() {}

    /** What is wrong with a message, or null if nothing is. */
    public static String problem(String message) {
        if (message.isEmpty()) {
            return "message must not be empty";
        }
        // characters are counted only when there are more chars than the limit: never fewer chars than characters
        if (message.length() > MAX_CHARACTERS && message.codePointCount(0, message.length()) > MAX_CHARACTERS) {
            return "message must be at most " + MAX_CHARACTERS + " characters";
        }
        return null;
    }

    /** The same for a raw log's message, decoded only when its length in bytes leaves a doubt. */
    static String problem(RawString message) {
        boolean plainlyFine = message.isPlain() && message.length() > 0 && message.length() <= MAX_CHARACTERS;
        return plainlyFine ? null : problem(message.text());
    }
}
