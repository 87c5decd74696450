package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A string of a raw log, by where its escaped bytes lie between their quotes. Plain ASCII
 * without escapes, by far the usual case, is copied and hashed as it lies; anything else
 * was decoded while the raw log was read ({@code text}), and is written from its text.
 */
final class RawString {

    private final byte[] log;
    private final int start;
    private final int end;
    private final String text;

    private RawString(byte[] log, int start, int end, String text) {
        this.log = log;
        this.start = start;
        this.end = end;
        this.text = text;
    }

    /**
     * The string whose opening quote is at {@code quote}; {@code decoded} gives its text when
     * it is not plain. An unterminated string ends with the log: the JSON reader rejects it.
     */
    static RawString at(byte[] log, int quote, TextSupplier decoded) throws IOException {
        int position = quote + 1;
        boolean plain = true;
        while (position < log.length && log[position] != '"') {
            if (log[position] == '\\') {
                plain = false;
                position++;
            } else if (log[position] < 0) {
                plain = false;
            }
            position++;
        }
        return new RawString(log, quote + 1, position, plain ? null : decoded.get());
    }

    /** Jackson's text of the current token, which may fail like any read. */
    interface TextSupplier {
        String get() throws IOException;
    }

    boolean isPlain() {
        return text == null;
    }

    /** In chars, which for a plain string are its bytes. */
    int length() {
        return isPlain() ? end - start : text.length();
    }

    String text() {
        return isPlain() ? new String(log, start, end - start, StandardCharsets.US_ASCII) : text;
    }

    /** The hash of the string's UTF-8 bytes. */
    String hash() {
        if (isPlain()) {
            return MessageHash.of(log, start, end - start);
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return MessageHash.of(utf8, 0, utf8.length);
    }

    void write(JsonGenerator json) throws IOException {
        if (isPlain()) {
            json.writeRawUTF8String(log, start, end - start);
        } else {
            json.writeString(text);
        }
    }
}
