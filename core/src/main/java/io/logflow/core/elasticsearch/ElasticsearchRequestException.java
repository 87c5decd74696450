package io.logflow.core.elasticsearch;

import java.io.IOException;

/**
 * A request Elasticsearch did not answer (connection refused, timeout) or answered with an
 * error status. The message names the request, the status and what Elasticsearch said.
 */
public final class ElasticsearchRequestException extends IOException {

    /** The {@link #status()} of a request that got no answer at all. */
    public static final int NO_ANSWER = 0;

    private static final int BODY_IN_MESSAGE = 1000;

    private final int status;
    private final String body;

    ElasticsearchRequestException(String request, String url, int status, String body) {
        super(request + ": Elasticsearch at " + url + " answered " + status
                + (body.isEmpty() ? "" : ": " + abbreviated(body)));
        this.status = status;
        this.body = body;
    }

    ElasticsearchRequestException(String request, String url, Throwable cause) {
        super(request + ": no answer from Elasticsearch at " + url + ": "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        this.status = NO_ANSWER;
        this.body = "";
    }

    /** The HTTP status Elasticsearch answered, or {@link #NO_ANSWER}. */
    public int status() {
        return status;
    }

    /** What Elasticsearch answered, whole; empty when it did not answer. */
    public String body() {
        return body;
    }

    /** Worth trying again later: no answer, too many requests (429), or a server error (5xx). */
    public boolean isTransient() {
        return status == NO_ANSWER || status == 429 || status >= 500;
    }

    private static String abbreviated(String body) {
        return body.length() <= BODY_IN_MESSAGE ? body : body.substring(0, BODY_IN_MESSAGE) + "…";
    }
}
