package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISMATCH;

import java.util.List;
import java.util.Optional;

/**
 * Better Auth as CapyDB documents it: {@code X-Better-Auth-Signature} holds the hex HMAC-SHA256 of
 * the raw body keyed with the signing secret, in either case, optionally prefixed {@code sha256=}.
 */
public final class BetterAuthSignature implements SignatureScheme {

    public static final String HEADER = "X-Better-Auth-Signature";
    private static final String PREFIX = "sha256=";

    private final HmacSha256 hmac;

    public BetterAuthSignature(List<String> secrets) {
        this.hmac = HmacSha256.ofUtf8Secrets(secrets);
    }

    @Override
    public Optional<String> verify(HeaderLookup headers, byte[] body) throws SignatureVerificationException {
        String value = HeaderValues.required(headers, HEADER);
        String unprefixed = HeaderValues.afterPrefix(value, PREFIX);
        if (unprefixed != null) {
            value = unprefixed;
        }
        if (!hmac.matchesAny(HmacSha256.parseHex(value), body)) {
            throw new SignatureVerificationException(MISMATCH);
        }
        return Optional.empty();
    }
}
