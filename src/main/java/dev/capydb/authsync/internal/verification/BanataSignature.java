package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MALFORMED;
import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISMATCH;
import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISSING;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Banata Auth: {@code Webhook-Signature: t=<unix seconds>,v1=<hex>} (one or more {@code v1}), the
 * HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with the secret's UTF-8 bytes after {@code whsec_}
 * (not base64-decoded). {@code t} must equal {@code Webhook-Timestamp} and be fresh;
 * {@code Webhook-Id} is the delivery id.
 */
public final class BanataSignature implements SignatureScheme {

    public static final String HEADER = "Webhook-Signature";
    public static final String ID_HEADER = "Webhook-Id";
    public static final String TIMESTAMP_HEADER = "Webhook-Timestamp";

    private final HmacSha256 hmac;
    private final Duration tolerance;
    private final Clock clock;

    public BanataSignature(List<String> secrets, Duration tolerance, Clock clock) {
        this.hmac = HmacSha256.ofUtf8Secrets(secrets.stream().map(HmacSha256::withoutPrefix).toList());
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public Optional<String> verify(HeaderLookup headers, byte[] body) throws SignatureVerificationException {
        String value = headers.get(HEADER);
        String id = headers.get(ID_HEADER);
        String timestampHeader = headers.get(TIMESTAMP_HEADER);
        if (value == null || id == null || id.isBlank() || timestampHeader == null) {
            throw new SignatureVerificationException(MISSING);
        }
        String t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : value.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new SignatureVerificationException(MALFORMED);
            }
            String key = part.substring(0, equals).strip();
            String content = part.substring(equals + 1).strip();
            if (key.equals("t")) {
                if (t != null) {
                    throw new SignatureVerificationException(MALFORMED);
                }
                t = content;
            } else if (key.equals("v1")) {
                signatures.add(HmacSha256.parseHex(content));
            }
        }
        if (t == null || signatures.isEmpty() || !t.equals(timestampHeader.strip())) {
            throw new SignatureVerificationException(MALFORMED);
        }
        SignedTimestamp.requireFresh(SignedTimestamp.parseUnixSeconds(t), clock, tolerance);
        if (!hmac.matchesAny(signatures, (t + ".").getBytes(StandardCharsets.US_ASCII), body)) {
            throw new SignatureVerificationException(MISMATCH);
        }
        return Optional.of(id.strip());
    }
}
