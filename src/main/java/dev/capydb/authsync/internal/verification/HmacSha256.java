package dev.capydb.authsync.internal.verification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private final List<Key> keys;

    private HmacSha256(List<SecretKeySpec> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is required");
        }
        this.keys = keys.stream().map(Key::new).toList();
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
        for (Key key : keys) {
            Mac mac = key.newMac();
            for (byte[] part : parts) {
                mac.update(part);
            }
            byte[] expected = mac.doFinal();
            for (byte[] signature : signatures) {
                matched |= MessageDigest.isEqual(expected, signature);
            }
        }
        return matched;
    }

    /**
     * A key and a {@link Mac} initialized with it once, a prototype that is only ever cloned: each
     * verification computes on its own clone. {@code Mac.getInstance} (a provider lookup) and
     * {@code init} (padding the key into the inner and outer blocks) per verification took a fifth of
     * the time of verifying a 1 KiB body. Clones share nothing mutable, so this is thread-safe
     * without locks; the prototype is never updated after the constructor, whose final fields
     * publish it. Measured against a {@code ThreadLocal<Mac>}, cloning was as fast and holds no
     * key material in pooled threads after an undeployment.
     */
    private static final class Key {

        private static final byte[] NOTHING = new byte[0];

        private final SecretKeySpec spec;
        /** {@code null} when the provider's Mac cannot be cloned: one is then made per verification. */
        private final Mac prototype;

        Key(SecretKeySpec spec) {
            this.spec = spec;
            Mac mac = initializedMac(spec);
            // Updating with nothing leaves the HMAC as it is, but makes SunJCE hash the inner key
            // block now, once, rather than in every clone (measured: about 5-8% at 1 KiB).
            mac.update(NOTHING);
            Mac prototype;
            try {
                mac.clone();
                prototype = mac;
            } catch (CloneNotSupportedException e) {
                prototype = null;
            }
            this.prototype = prototype;
        }

        /** A Mac of its own for the caller, ready for {@code update}. */
        Mac newMac() {
            if (prototype != null) {
                try {
                    return (Mac) prototype.clone();
                } catch (CloneNotSupportedException e) {
                    // it cloned in the constructor; should it ever not, make one as below
                }
            }
            return initializedMac(spec);
        }

        private static Mac initializedMac(SecretKeySpec spec) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
            }
        }
    }
}
