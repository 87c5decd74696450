package io.logflow.core.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of the message's UTF-8 bytes, in lower-case hex: equal messages, equal hashes. */
public final class MessageHash {

    // looking the algorithm up costs more than hashing a log message; a digest is not thread-safe
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private MessageHash() {}

    public static String of(byte[] utf8, int offset, int length) {
        MessageDigest digest = SHA_256.get();
        digest.update(utf8, offset, length);
        return HexFormat.of().formatHex(digest.digest());
    }
}
