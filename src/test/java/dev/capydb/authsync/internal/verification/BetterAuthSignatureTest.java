package dev.capydb.authsync.internal.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BetterAuthSignatureTest {

    private static final String SECRET = "capy-known-answer-secret";
    private static final byte[] BODY =
            "{\"event\":\"user.created\",\"user\":{\"id\":\"usr_kat\",\"name\":\"Ada Lovelace\"}}"
                    .getBytes(StandardCharsets.UTF_8);
    /** Computed outside this code base: {@code printf '<body>' | openssl dgst -sha256 -hmac <secret>}, and the same with Node's createHmac. */
    private static final String KNOWN_SIGNATURE = "94a97035af8a320c7343e81ec0ef6abc02116d1d121ef3c1e0b0561ef86dbd94";

    private final BetterAuthSignature scheme = new BetterAuthSignature(List.of(SECRET));

    @Test
    void acceptsTheKnownAnswerInEitherCaseAndWithPrefix() throws Exception {
        // Better Auth signs no delivery id: the receiver derives one from the body.
        assertEquals(Optional.empty(), scheme.verify(header(KNOWN_SIGNATURE), BODY));
        assertEquals(Optional.empty(), scheme.verify(header(KNOWN_SIGNATURE.toUpperCase(Locale.ROOT)), BODY));
        assertEquals(Optional.empty(), scheme.verify(header("sha256=" + KNOWN_SIGNATURE), BODY));
        assertEquals(Optional.empty(), scheme.verify(header("SHA256=" + KNOWN_SIGNATURE.toUpperCase(Locale.ROOT)), BODY));
    }

    @Test
    void acceptsAnyOfSeveralSecretsDuringRotation() throws Exception {
        assertEquals(Optional.empty(),
                new BetterAuthSignature(List.of("the-new-secret", SECRET)).verify(header(KNOWN_SIGNATURE), BODY));
        assertEquals(Optional.empty(),
                new BetterAuthSignature(List.of(SECRET, "the-new-secret")).verify(header(KNOWN_SIGNATURE), BODY));
    }

    @Test
    void refusesAMissingOrBlankHeader() {
        assertReason(Reason.MISSING, name -> null, BODY);
        assertReason(Reason.MISSING, header("  "), BODY);
    }

    @Test
    void refusesMalformedSignatures() {
        assertReason(Reason.MALFORMED, header("not-hex-at-all"), BODY);
        assertReason(Reason.MALFORMED, header(KNOWN_SIGNATURE.substring(1)), BODY);
        assertReason(Reason.MALFORMED, header(KNOWN_SIGNATURE.substring(2)), BODY);
        assertReason(Reason.MALFORMED, header(KNOWN_SIGNATURE + "00"), BODY);
        assertReason(Reason.MALFORMED, header("sha1=" + KNOWN_SIGNATURE), BODY);
        assertReason(Reason.MALFORMED, header("sha256="), BODY);
    }

    @Test
    void refusesATamperedBodyAndAWrongSecret() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;
        assertReason(Reason.MISMATCH, header(KNOWN_SIGNATURE), tampered);
        assertReason(Reason.MISMATCH, header(KNOWN_SIGNATURE), new byte[0]);
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> new BetterAuthSignature(List.of("another-secret")).verify(header(KNOWN_SIGNATURE), BODY));
        assertEquals(Reason.MISMATCH, e.reason());
    }

    @Test
    void theRefusalNeverEchoesTheSignature() {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> scheme.verify(header(KNOWN_SIGNATURE), new byte[0]));
        assertEquals("The signature does not match the body", e.getMessage());
    }

    private void assertReason(Reason reason, SignatureScheme.HeaderLookup headers, byte[] body) {
        assertEquals(reason, assertThrows(SignatureVerificationException.class, () -> scheme.verify(headers, body))
                .reason());
    }

    private static SignatureScheme.HeaderLookup header(String value) {
        return name -> name.equals(BetterAuthSignature.HEADER) ? value : null;
    }
}
