package io.logflow.ingestor.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * An Elasticsearch {@code _bulk} body: NDJSON pairs of an action line and, for
 * {@code index}, {@code create} and {@code update}, the document line after it. Blank
 * lines are skipped. A document line is kept as the bytes sent; it is judged (and may
 * fail alone) when it is mapped. A body whose action lines cannot be read fails whole,
 * as it does in Elasticsearch ({@code "Malformed action/metadata line"}).
 */
public record BulkRequest(List<Action> actions) {

    /** Operations that carry a document line after the action line. */
    private static final Set<String> WITH_DOCUMENT = Set.of("index", "create", "update");
    private static final Set<String> OPERATIONS = Set.of("index", "create", "update", "delete");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

    /**
     * One action of the bulk, in order. {@code index} and {@code id} are the action line's
     * {@code _index} and {@code _id} (null when absent); {@code document} the line after it.
     */
    public record Action(String operation, String index, String id, byte[] document) {
        public boolean carriesLog() {
            return operation.equals("index") || operation.equals("create");
        }
    }

    /** A body that is not a bulk request; the message says why and where. */
    public static final class MalformedBulkException extends Exception {
        MalformedBulkException(String message) {
            super(message);
        }
    }

    /**
     * @param defaultIndex the index named in the path ({@code /{index}/_bulk}), or null
     */
    public static BulkRequest decode(byte[] body, String defaultIndex) throws MalformedBulkException {
        List<Action> actions = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        Action pending = null;
        for (int i = 0; i <= body.length; i++) {
            if (i < body.length && body[i] != '\n') {
                continue;
            }
            lineNumber++;
            int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
            int lineStart = start;
            start = i + 1;
            if (isBlank(body, lineStart, end)) {
                continue;
            }
            if (pending != null) {
                actions.add(new Action(pending.operation(), pending.index(), pending.id(),
                        Arrays.copyOfRange(body, lineStart, end)));
                pending = null;
                continue;
            }
            Action action = readAction(body, lineStart, end, lineNumber, defaultIndex);
            if (WITH_DOCUMENT.contains(action.operation())) {
                pending = action;
            } else {
                actions.add(action);
            }
        }
        if (pending != null) {
            throw new MalformedBulkException("the " + pending.operation() + " action on the last line has no document line");
        }
        return new BulkRequest(List.copyOf(actions));
    }

    /** {@code {"index":{"_index":"x","_id":"1"}}}: one operation whose value is an object of metadata. */
    private static Action readAction(byte[] body, int from, int to, int lineNumber, String defaultIndex)
            throws MalformedBulkException {
        try (JsonParser parser = JSON.createParser(body, from, to - from)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME) {
                throw malformed(lineNumber, "expected an object with one action, e.g. {\"index\":{}}");
            }
            String operation = parser.currentName();
            if (!OPERATIONS.contains(operation)) {
                throw malformed(lineNumber, "unknown action [" + operation + "]; expected index, create, update or delete");
            }
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(lineNumber, "the value of [" + operation + "] must be an object");
            }
            String index = defaultIndex;
            String id = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("_index") && value == JsonToken.VALUE_STRING) {
                    index = parser.getText();
                } else if (field.equals("_id") && value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    id = parser.getText();
                } else {
                    parser.skipChildren(); // _type, pipeline, routing, require_alias, ...: tolerated
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != null) {
                throw malformed(lineNumber, "an action line holds exactly one action object");
            }
            return new Action(operation, index, id, null);
        } catch (IOException e) {
            throw malformed(lineNumber, "not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static MalformedBulkException malformed(int lineNumber, String reason) {
        return new MalformedBulkException("Malformed action/metadata line [" + lineNumber + "]: " + reason);
    }

    private static boolean isBlank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
