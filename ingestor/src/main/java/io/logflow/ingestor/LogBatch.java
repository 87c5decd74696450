package io.logflow.ingestor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Splits a batch body into its logs, each as the exact bytes the client sent for it:
 * NDJSON (one log per line, blank lines ignored) or a JSON array of logs. Each log is
 * copied out of the body only when it is asked for, so that a batch on its way to Kafka
 * is held once, as its body, and not twice.
 */
final class LogBatch {

    // lenient about what is inside each log (a duplicate key is that log's problem, found
    // when it is validated), strict about the array around them
    private static final JsonFactory SPLITTER = new JsonFactory();

    private LogBatch() {}

    /** A body LogFlow cannot split into logs; the message says why. */
    static final class MalformedBatchException extends Exception {
        MalformedBatchException(String message) {
            super(message);
        }
    }

    /** @return the logs, each one a fresh copy of its bytes each time it is got */
    static List<byte[]> split(byte[] body) throws MalformedBatchException {
        int first = firstNonWhitespace(body);
        if (first < 0) {
            return List.of();
        }
        return body[first] == '[' ? splitArray(body) : splitLines(body);
    }

    static List<byte[]> splitLines(byte[] body) {
        Logs logs = new Logs(body);
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (firstNonWhitespace(body, start, end) >= 0) {
                    logs.add(start, end);
                }
                start = i + 1;
            }
        }
        return logs;
    }

    private static List<byte[]> splitArray(byte[] body) throws MalformedBatchException {
        Logs logs = new Logs(body);
        try (JsonParser parser = SPLITTER.createParser(body)) {
            parser.nextToken(); // the array itself
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new MalformedBatchException("the JSON array is not closed");
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                parser.finishToken(); // a string is read lazily: its end is known only once read
                int end = (int) parser.currentLocation().getByteOffset();
                logs.add(start, end);
            }
            if (parser.nextToken() != null) {
                throw new MalformedBatchException("content after the JSON array");
            }
        } catch (IOException e) {
            throw new MalformedBatchException("the body is not a valid JSON array: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return logs;
    }

    /** Where each log is in the body. */
    private static final class Logs extends AbstractList<byte[]> implements RandomAccess {
        private final byte[] body;
        private int[] bounds = new int[128];
        private int size;

        Logs(byte[] body) {
            this.body = body;
        }

        void add(int start, int end) {
            if (2 * size + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, 2 * bounds.length);
            }
            bounds[2 * size] = start;
            bounds[2 * size + 1] = end;
            size++;
        }

        @Override
        public byte[] get(int index) {
            Objects.checkIndex(index, size);
            return Arrays.copyOfRange(body, bounds[2 * index], bounds[2 * index + 1]);
        }

        @Override
        public int size() {
            return size;
        }
    }

    private static int firstNonWhitespace(byte[] body) {
        return firstNonWhitespace(body, 0, body.length);
    }

    private static int firstNonWhitespace(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r' && body[i] != '\n') {
                return i;
            }
        }
        return -1;
    }
}
