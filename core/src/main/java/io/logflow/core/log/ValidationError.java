package io.logflow.core.log;

import com.fasterxml.jackson.core.JsonToken;

/** One thing wrong with a submitted log, named by the field it concerns. */
public record ValidationError(String field, String message) {

    /** @param value the token the value starts with ({@code JsonNode.asToken()} of a tree's) */
    static ValidationError notAString(String field, JsonToken value) {
        return new ValidationError(field, field + " must be a string, not " + typeOf(value));
    }

    static String typeOf(JsonToken value) {
        return switch (value) {
            case START_ARRAY -> "an array";
            case START_OBJECT, VALUE_EMBEDDED_OBJECT -> "an object";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "a string";
        };
    }
}
