package io.logflow.ingestor.door;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What an {@code Authorization} header claims: {@code Bearer <secret>}, {@code ApiKey
 * base64(id:secret)} (Elasticsearch's form) or {@code Basic base64(id:secret)} (what
 * syslog daemons and many shippers can send). A bearer secret names no id.
 *
 * @param id null for a bearer secret
 */
record Credentials(String scheme, String id, String secret) {

    /** @return empty when the header is absent or not one of the three forms */
    static Optional<Credentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = authorization.substring(0, space);
        String value = authorization.substring(space + 1).strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return Optional.of(new Credentials("Bearer", null, value));
        }
        if (!scheme.equalsIgnoreCase("ApiKey") && !scheme.equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(scheme.equalsIgnoreCase("Basic") ? "Basic" : "ApiKey",
                decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Never the secret: a record's own toString would print it into any log line that holds one. */
    @Override
    public String toString() {
        return scheme + (id == null ? "" : " " + id);
    }
}
