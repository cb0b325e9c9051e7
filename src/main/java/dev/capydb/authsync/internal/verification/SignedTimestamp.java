package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MALFORMED;
import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Replay protection: a signed timestamp must lie within the tolerance of the server's clock, either way. */
final class SignedTimestamp {

    private SignedTimestamp() {
    }

    /** Unix seconds as decimal digits only (no sign, no spaces), as the schemes send them. */
    static Instant parseUnixSeconds(String value) throws SignatureVerificationException {
        if (value == null || value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SignatureVerificationException(MALFORMED);
        }
        return Instant.ofEpochSecond(Long.parseLong(value));
    }

    static void requireFresh(Instant signedAt, Clock clock, Duration tolerance) throws SignatureVerificationException {
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw new SignatureVerificationException(TIMESTAMP_OUT_OF_TOLERANCE);
        }
    }
}
