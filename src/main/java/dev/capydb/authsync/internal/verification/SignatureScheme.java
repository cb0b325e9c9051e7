package dev.capydb.authsync.internal.verification;

import java.util.Optional;

/**
 * One provider's way of signing a webhook. Implementations check the signature over the exact raw
 * body with constant-time comparisons and never put secrets or signature values in exceptions.
 */
public interface SignatureScheme {

    /**
     * Verifies a delivery.
     *
     * @return the sender's delivery id when the scheme signs or carries one
     * @throws SignatureVerificationException when the signature is missing, malformed, stale or wrong
     */
    Optional<String> verify(HeaderLookup headers, byte[] body) throws SignatureVerificationException;

    /** Request headers by case-insensitive name, as servlet containers offer them. */
    @FunctionalInterface
    interface HeaderLookup {
        /** The header's value, or {@code null} when absent. */
        String get(String name);
    }
}
