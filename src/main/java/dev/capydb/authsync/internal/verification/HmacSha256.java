package dev.capydb.authsync.internal.verification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under every currently valid key of a provider (several during a secret rotation),
 * compared in constant time. Every scheme signs with it; they differ in what they sign.
 */
final class HmacSha256 {

    static final int LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    private HmacSha256(List<SecretKeySpec> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is required");
        }
        this.keys = keys;
    }

    /** Keys that are the UTF-8 bytes of the configured secrets, as Node's {@code createHmac} uses a string key. */
    static HmacSha256 ofUtf8Secrets(List<String> secrets) {
        return new HmacSha256(secrets.stream()
                .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList());
    }

    /**
     * Whether {@code signature} is the HMAC of the concatenated {@code parts} under any key. Every key
     * is tried even after a match, so the time taken does not tell which key matched.
     */
    boolean matchesAny(byte[] signature, byte[]... parts) {
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            matched |= MessageDigest.isEqual(sign(key, parts), signature);
        }
        return matched;
    }

    private static byte[] sign(SecretKeySpec key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
