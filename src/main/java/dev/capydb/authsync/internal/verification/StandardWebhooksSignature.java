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

    private static final List<String> HEADER_FAMILIES = List.of("webhook-", "svix-");

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
        String family = HEADER_FAMILIES.stream().filter(f -> headers.get(f + "signature") != null).findFirst()
                .orElseThrow(() -> new SignatureVerificationException(MISSING));
        String id = headers.get(family + "id");
        String timestamp = headers.get(family + "timestamp");
        if (id == null || id.isBlank() || timestamp == null) {
            throw new SignatureVerificationException(MISSING);
        }
        id = id.strip();
        timestamp = timestamp.strip();
        SignedTimestamp.requireFresh(SignedTimestamp.parseUnixSeconds(timestamp), clock, tolerance);

        List<byte[]> signatures = new ArrayList<>();
        for (String versioned : headers.get(family + "signature").strip().split(" +")) {
            int comma = versioned.indexOf(',');
            if (comma > 0 && versioned.substring(0, comma).equals("v1")) {
                try {
                    signatures.add(Base64.getDecoder().decode(versioned.substring(comma + 1)));
                } catch (IllegalArgumentException e) {
                    // an undecodable entry cannot match; another one may
                }
            }
        }
        if (signatures.isEmpty()) {
            throw new SignatureVerificationException(MALFORMED);
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        if (!hmac.matchesAny(signatures, prefix, body)) {
            throw new SignatureVerificationException(MISMATCH);
        }
        return Optional.of(id);
    }
}
