package io.logflow.core.elasticsearch;

import java.io.IOException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.ConnectionClosedException;

/**
 * Says so when a failure looks like talking to Elasticsearch in the wrong scheme: plain
 * HTTP to a server that speaks TLS (it closes the connection, or answers a TLS alert that
 * is no HTTP), or TLS to one that speaks plain HTTP (the handshake reads no TLS record). Without this, both show only as an
 * opaque connection error, retried for ever.
 */
final class WrongScheme {

    private WrongScheme() {}

    static Throwable explain(Throwable failure, boolean https) {
        if (!https && (failure instanceof ConnectionClosedException
                || String.valueOf(failure.getMessage()).startsWith("Invalid protocol version"))) {
            return new IOException(failure.getMessage() + " — if Elasticsearch speaks HTTPS (the default since 8.0),"
                    + " use an https:// elasticsearch.url (and elasticsearch.ca_file for its certificate authority)",
                    failure);
        }
        if (https && failure instanceof SSLException && String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("unrecognized ssl message")) {
            return new IOException(failure.getMessage() + " — Elasticsearch answers in plain HTTP here:"
                    + " use an http:// elasticsearch.url", failure);
        }
        return failure;
    }
}
