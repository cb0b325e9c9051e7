package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MALFORMED;
import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISMATCH;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Better Auth webhook plugins: {@code X-Webhook-Signature: sha256=<hex>} over the raw body, with
 * {@code X-Webhook-Id} (the delivery id) and {@code X-Webhook-Timestamp} (ISO 8601), which, when
 * present, must be within the tolerance of the server's clock.
 */
public final class BetterAuthPluginSignature implements SignatureScheme {

    public static final String HEADER = "X-Webhook-Signature";
    public static final String ID_HEADER = "X-Webhook-Id";
    public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    private static final String PREFIX = "sha256=";

    private final HmacSha256 hmac;
    private final Duration tolerance;
    private final Clock clock;

    public BetterAuthPluginSignature(List<String> secrets, Duration tolerance, Clock clock) {
        this.hmac = HmacSha256.ofUtf8Secrets(secrets);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public Optional<String> verify(HeaderLookup headers, byte[] body) throws SignatureVerificationException {
        String hex = HeaderValues.afterPrefix(HeaderValues.required(headers, HEADER), PREFIX);
        if (hex == null) {
            throw new SignatureVerificationException(MALFORMED);
        }
        byte[] signature = HmacSha256.parseHex(hex);
        String timestamp = headers.get(TIMESTAMP_HEADER);
        if (timestamp != null) {
            SignedTimestamp.requireFresh(parseIso8601(timestamp.strip()), clock, tolerance);
        }
        if (!hmac.matchesAny(signature, body)) {
            throw new SignatureVerificationException(MISMATCH);
        }
        return Optional.ofNullable(headers.get(ID_HEADER)).map(String::strip).filter(id -> !id.isEmpty());
    }

    private static Instant parseIso8601(String value) throws SignatureVerificationException {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new SignatureVerificationException(MALFORMED);
        }
    }
}
