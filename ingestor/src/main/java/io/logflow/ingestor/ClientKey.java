package io.logflow.ingestor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of a log its client named, scoped so that two clients cannot collide: a hash
 * of where the name applies and the name. A bulk action's {@code _id} applies within its
 * index, as in Elasticsearch ({@code bulk}, index, {@code _id}); an {@code Idempotency-Key}
 * on {@code POST /log} and an {@code id} in {@code POST /logs} apply within the log's
 * service ({@code api}, service, name), so that a resend through either endpoint is the
 * same log. Two clients collide only by naming the same index or service and the same
 * id, which is the same log by that contract.
 */
final class ClientKey {

    static final int MAX_NAME_CHARACTERS = 512;

    private ClientKey() {}

    static String forBulk(String index, String id) {
        return hash("bulk", index == null ? "" : index, id);
    }

    static String forApi(String service, String name) {
        return hash("api", service == null || service.isEmpty() ? "unknown" : service, name);
    }

    /** 128 bits of SHA-256 over the length-prefixed parts, so that ("a-b","c") and ("a","b-c") differ. */
    private static String hash(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
