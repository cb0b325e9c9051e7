package dev.capydb.authsync.internal.receiving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key a delivery is recognised by when it comes again: the sender's delivery id (a header), else
 * the body's event id, else a digest of the body. Senders re-send the same body with the same ids,
 * and re-sign it with a fresh timestamp, so none of these changes between attempts. Keys longer than
 * {@value #MAX_LENGTH} characters are stored as their digest, so no sender can make the index refuse them.
 */
final class DeliveryKey {

    static final int MAX_LENGTH = 200;

    private DeliveryKey() {
    }

    static String of(String headerId, String eventId, byte[] body) {
        String key = headerId != null ? headerId : eventId;
        if (key == null) {
            return digest(body);
        }
        return key.length() <= MAX_LENGTH ? key : digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
