package dev.capydb.authsync.internal.verification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
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
    private static final String SECRET_PREFIX = "whsec_";

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
     * Keys that are the base64-decoded secrets after an optional {@code whsec_} prefix, as Standard
     * Webhooks and Svix define them.
     *
     * @throws IllegalArgumentException for a secret that is empty or not base64 (never quoting it)
     */
    static HmacSha256 ofBase64Secrets(List<String> secrets) {
        return new HmacSha256(secrets.stream().map(secret -> {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(withoutPrefix(secret));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a secret is not base64 after its whsec_ prefix");
            }
            if (key.length == 0) {
                throw new IllegalArgumentException("a secret is empty after its whsec_ prefix");
            }
            return new SecretKeySpec(key, ALGORITHM);
        }).toList());
    }

    /**
     * A hex-encoded HMAC-SHA256 as a sender wrote it, in either case.
     *
     * @throws SignatureVerificationException {@code MALFORMED} unless it is 32 bytes of hex
     */
    static byte[] parseHex(String hex) throws SignatureVerificationException {
        try {
            byte[] signature = HexFormat.of().parseHex(hex);
            if (signature.length == LENGTH) {
                return signature;
            }
        } catch (IllegalArgumentException e) {
            // not hex: reported below, as a wrong length is
        }
        throw new SignatureVerificationException(SignatureVerificationException.Reason.MALFORMED);
    }

    /** The secret without the {@code whsec_} prefix providers print on their secrets. */
    static String withoutPrefix(String secret) {
        return secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    }

    /**
     * Whether {@code signature} is the HMAC of the concatenated {@code parts} under any key. Every key
     * is tried even after a match, so the time taken does not tell which key matched.
     */
    boolean matchesAny(byte[] signature, byte[]... parts) {
        return matchesAny(List.of(signature), parts);
    }

    /** Whether any of the {@code signatures} (a sender may send several) is the HMAC under any key. */
    boolean matchesAny(List<byte[]> signatures, byte[]... parts) {
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = sign(key, parts);
            for (byte[] signature : signatures) {
                matched |= MessageDigest.isEqual(expected, signature);
            }
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
