package io.logflow.core.log;

/** One thing wrong with a submitted log, named by the field it concerns. */
public record ValidationError(String field, String message) {}
