package io.logflow.ingestor;

import io.logflow.core.log.ValidationError;
import java.util.Locale;

/** The content types LogFlow's JSON inputs take, and the 415's reason for any other. */
final class JsonContentType {

    private JsonContentType() {}

    static boolean accepts(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json")
                || mediaType.equals("application/x-ndjson") || mediaType.equals("application/ndjson")
                || mediaType.equals("application/jsonl") || mediaType.equals("application/json-seq");
    }

    /** @param batch whether the input takes a batch, which may also be NDJSON */
    static ValidationError refusal(String contentType, boolean batch) {
        return new ValidationError("content_type", "Content-Type must be application/json"
                + (batch ? " or application/x-ndjson" : "") + ", not " + (contentType == null ? "missing" : contentType));
    }
}
