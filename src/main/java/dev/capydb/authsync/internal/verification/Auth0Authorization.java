package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISMATCH;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Auth0 Actions and Log Streams sign nothing: they send a shared secret in {@code Authorization},
 * with or without {@code Bearer }. It is compared in constant time against every configured secret,
 * by their SHA-256 digests so that neither the time nor an early length check tells anything.
 */
public final class Auth0Authorization implements SignatureScheme {

    public static final String HEADER = "Authorization";
    private static final String BEARER = "Bearer ";

    private final List<byte[]> secretDigests;

    public Auth0Authorization(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is required");
        }
        this.secretDigests = secrets.stream().map(Auth0Authorization::sha256).toList();
    }

    @Override
    public Optional<String> verify(HeaderLookup headers, byte[] body) throws SignatureVerificationException {
        String value = HeaderValues.required(headers, HEADER);
        String token = HeaderValues.afterPrefix(value, BEARER);
        byte[] presented = sha256(token != null ? token.strip() : value);
        boolean matched = false;
        for (byte[] secret : secretDigests) {
            matched |= MessageDigest.isEqual(secret, presented);
        }
        if (!matched) {
            throw new SignatureVerificationException(MISMATCH);
        }
        return Optional.empty();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
