package io.logflow.storagewriter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Each item's status and error from a {@code _bulk} answer filtered to
 * {@code items.*.status,items.*.error.type,items.*.error.reason}, read as it streams by
 * rather than as a tree: a tree of 2,000 items was a tenth of what the writer allocated.
 */
final class BulkAnswer {

    /** One item of the answer, in the order of the request's actions. */
    record Item(int status, String errorType, String errorReason) {}

    private BulkAnswer() {}

    /** @throws IOException if the answer is not JSON of that shape */
    static List<Item> items(byte[] answer) throws IOException {
        List<Item> items = new ArrayList<>();
        try (JsonParser json = Json.mapper().getFactory().createParser(answer)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                if (!json.currentName().equals("items")) {
                    json.nextToken();
                    json.skipChildren();
                    continue;
                }
                expect(json.nextToken(), JsonToken.START_ARRAY);
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    expect(json.nextToken(), JsonToken.FIELD_NAME); // the action: create, index, ...
                    expect(json.nextToken(), JsonToken.START_OBJECT);
                    items.add(item(json));
                    expect(json.nextToken(), JsonToken.END_OBJECT);
                }
            }
        }
        return items;
    }

    private static Item item(JsonParser json) throws IOException {
        int status = 0;
        String errorType = null;
        String errorReason = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals("status") && value == JsonToken.VALUE_NUMBER_INT) {
                status = json.getIntValue();
            } else if (name.equals("error") && value == JsonToken.START_OBJECT) {
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    json.nextToken();
                    if (field.equals("type")) {
                        errorType = json.getValueAsString();
                    } else if (field.equals("reason")) {
                        errorReason = json.getValueAsString();
                    } else {
                        json.skipChildren();
                    }
                }
            } else {
                json.skipChildren();
            }
        }
        return new Item(status, errorType, errorReason);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " in the bulk answer, found " + actual);
        }
    }
}
