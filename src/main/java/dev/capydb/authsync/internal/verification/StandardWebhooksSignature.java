package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MALFORMED;
import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISMATCH;
import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISSING;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Standard Webhooks, and Svix, which Clerk uses: {@code webhook-id}, {@code webhook-timestamp}
 * (unix seconds) and {@code webhook-signature}, or their {@code svix-} twins. The signature header
 * is a space-separated list of {@code v1,<base64>} (other versions are ignored, any match passes)
 * over {@code "<id>.<timestamp>.<raw body>"}, keyed with the base64-decoded secret after
 * {@code whsec_}.
 */
public final class StandardWebhooksSignature implements SignatureScheme {

    private static final List<HeaderNames> HEADER_FAMILIES =
            List.of(HeaderNames.of("webhook-"), HeaderNames.of("svix-"));
    private static final String V1 = "v1,";

    private final HmacSha256 hmac;
    private final Duration tolerance;
    private final Clock clock;

    /** @throws IllegalArgumentException when a secret is empty or not base64 */
    public StandardWebhooksSignature(List<String> secrets, Duration tolerance, Clock clock) {
        this.hmac = HmacSha256.ofBase64Secrets(secrets);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public Optional<String> verify(HeaderLookup headers, byte[] body) throws SignatureVerificationException {
        HeaderNames family = null;
        String signatureList = null;
        for (HeaderNames candidate : HEADER_FAMILIES) {
            signatureList = headers.get(candidate.signature());
            if (signatureList != null) {
                family = candidate;
                break;
            }
        }
        if (family == null) {
            throw new SignatureVerificationException(MISSING);
        }
        String id = headers.get(family.id());
        String timestamp = headers.get(family.timestamp());
        if (id == null || id.isBlank() || timestamp == null) {
            throw new SignatureVerificationException(MISSING);
        }
        id = id.strip();
        timestamp = timestamp.strip();
        SignedTimestamp.requireFresh(SignedTimestamp.parseUnixSeconds(timestamp), clock, tolerance);

        List<byte[]> signatures = v1Signatures(signatureList.strip());
        if (signatures.isEmpty()) {
            throw new SignatureVerificationException(MALFORMED);
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        if (!hmac.matchesAny(signatures, prefix, body)) {
            throw new SignatureVerificationException(MISMATCH);
        }
        return Optional.of(id);
    }

    /**
     * The decoded {@code v1} entries of a list separated by one or more spaces. Scanned by hand:
     * {@code String.split(" +")} compiles its regex on every call, which cost as much as the HMAC
     * of a 1 KiB body.
     */
    private static List<byte[]> v1Signatures(String list) {
        List<byte[]> signatures = new ArrayList<>(1);
        int start = 0;
        while (start < list.length()) {
            int end = list.indexOf(' ', start);
            if (end < 0) {
                end = list.length();
            }
            // "v1," has no space, so when it matches it lies within this entry.
            if (list.startsWith(V1, start)) {
                try {
                    signatures.add(Base64.getDecoder().decode(list.substring(start + V1.length(), end)));
                } catch (IllegalArgumentException e) {
                    // an undecodable entry cannot match; another one may
                }
            }
            start = end + 1;
        }
        return signatures;
    }

    /** The three header names of one family, built once rather than concatenated per request. */
    private record HeaderNames(String id, String timestamp, String signature) {

        static HeaderNames of(String prefix) {
            return new HeaderNames(prefix + "id", prefix + "timestamp", prefix + "signature");
        }
    }
}
