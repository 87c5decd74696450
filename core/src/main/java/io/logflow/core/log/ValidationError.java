package io.logflow.core.log;

import com.fasterxml.jackson.databind.JsonNode;

/** One thing wrong with a submitted log, named by the field it concerns. */
public record ValidationError(String field, String message) {

    static ValidationError notAString(String field, JsonNode value) {
        return new ValidationError(field, field + " must be a string, not " + typeOf(value));
    }

    static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase();
        };
    }
}
