package dev.capydb.authsync.internal.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reference vector and negative scenarios of the Standard Webhooks Java library, ported. */
class StandardWebhooksSignatureTest {

    // From the specification's reference tests; reproduced with openssl outside this code base.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String DECOY = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final StandardWebhooksSignature scheme = at(1614265330);

    @Test
    void theReferenceVectorVerifiesAndYieldsTheMessageId() throws Exception {
        assertEquals(Optional.of(ID), scheme.verify(headers(ID, TIMESTAMP, SIGNATURE), PAYLOAD));
    }

    @Test
    void svixHeadersAndMixedCaseNamesAreTheSame() throws Exception {
        assertEquals(Optional.of(ID),
                scheme.verify(TestHeaders.of("svix-id", ID, "svix-timestamp", TIMESTAMP, "svix-signature", SIGNATURE), PAYLOAD));
        assertEquals(Optional.of(ID), scheme.verify(
                TestHeaders.of("Webhook-Id", ID, "WEBHOOK-TIMESTAMP", TIMESTAMP, "webhook-Signature", SIGNATURE), PAYLOAD));
    }

    @Test
    void theSecretWorksWithOrWithoutItsPrefix() throws Exception {
        assertEquals(Optional.of(ID),
                new StandardWebhooksSignature(List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), TOLERANCE, clock(1614265330))
                        .verify(headers(ID, TIMESTAMP, SIGNATURE), PAYLOAD));
    }

    @Test
    void anyOfSeveralSignaturesMayMatchAndOtherVersionsAreIgnored() throws Exception {
        assertEquals(Optional.of(ID), scheme.verify(headers(ID, TIMESTAMP,
                DECOY + " v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= " + SIGNATURE + " " + DECOY), PAYLOAD));
        assertEquals(Optional.of(ID), scheme.verify(headers(ID, TIMESTAMP, "v1a,abc= " + SIGNATURE), PAYLOAD));
        assertEquals(Optional.of(ID), scheme.verify(headers(ID, TIMESTAMP, "  " + DECOY + "   " + SIGNATURE + "  "), PAYLOAD));
        assertEquals(Optional.of(ID), scheme.verify(headers(ID, TIMESTAMP, "v1,not-base64! " + SIGNATURE), PAYLOAD));
    }

    @Test
    void entriesAreSeparatedBySpacesOnlyAndAnEmptyV1CannotMatch() {
        assertReason(Reason.MISMATCH, scheme, headers(ID, TIMESTAMP, "v1,"));
        assertReason(Reason.MALFORMED, scheme, headers(ID, TIMESTAMP, DECOY + "," + SIGNATURE));
        assertReason(Reason.MALFORMED, scheme, headers(ID, TIMESTAMP, "v1," + SIGNATURE.substring(3) + "\t" + SIGNATURE));
        assertReason(Reason.MALFORMED, scheme, headers(ID, TIMESTAMP, "v1 ," + SIGNATURE.substring(3)));
    }

    @Test
    void timestampsBeyondTheToleranceEitherWayAreRefused() throws Exception {
        assertEquals(Optional.of(ID), at(1614265330 + 300).verify(headers(ID, TIMESTAMP, SIGNATURE), PAYLOAD));
        assertEquals(Optional.of(ID), at(1614265330 - 300).verify(headers(ID, TIMESTAMP, SIGNATURE), PAYLOAD));
        assertReason(Reason.TIMESTAMP_OUT_OF_TOLERANCE, at(1614265330 + 301), headers(ID, TIMESTAMP, SIGNATURE));
        assertReason(Reason.TIMESTAMP_OUT_OF_TOLERANCE, at(1614265330 - 301), headers(ID, TIMESTAMP, SIGNATURE));
    }

    @Test
    void eachMissingHeaderIsRefused() {
        assertReason(Reason.MISSING, scheme, TestHeaders.of("webhook-timestamp", TIMESTAMP, "webhook-signature", SIGNATURE));
        assertReason(Reason.MISSING, scheme, TestHeaders.of("webhook-id", ID, "webhook-signature", SIGNATURE));
        assertReason(Reason.MISSING, scheme, TestHeaders.of("webhook-id", ID, "webhook-timestamp", TIMESTAMP));
    }

    @Test
    void wrongVersionsMalformedValuesAndBadSignaturesAreRefused() {
        assertReason(Reason.MALFORMED, scheme, headers(ID, TIMESTAMP, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        assertReason(Reason.MALFORMED, scheme, headers(ID, TIMESTAMP, "invalid_signature"));
        assertReason(Reason.MALFORMED, scheme, headers(ID, TIMESTAMP, "v1,invalid_signature"));
        assertReason(Reason.MALFORMED, scheme, headers(ID, "16142653x0", SIGNATURE));
        assertReason(Reason.MALFORMED, scheme, headers(ID, "-1614265330", SIGNATURE));
        assertReason(Reason.MISMATCH, scheme, headers(ID, TIMESTAMP, DECOY));
        assertReason(Reason.MISMATCH, scheme, headers("msg_other", TIMESTAMP, SIGNATURE));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        assertEquals(Reason.MISMATCH, assertThrows(SignatureVerificationException.class,
                () -> scheme.verify(headers(ID, TIMESTAMP, SIGNATURE), "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)))
                .reason());
    }

    @Test
    void anEmptyOrUndecodableSecretIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new StandardWebhooksSignature(List.of("whsec_"), TOLERANCE, clock(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StandardWebhooksSignature(List.of("whsec_not base64!"), TOLERANCE, clock(0)));
        assertEquals("a secret is not base64 after its whsec_ prefix", e.getMessage());
    }

    private static void assertReason(Reason reason, StandardWebhooksSignature scheme, SignatureScheme.HeaderLookup headers) {
        assertEquals(reason, assertThrows(SignatureVerificationException.class, () -> scheme.verify(headers, PAYLOAD)).reason());
    }

    private static SignatureScheme.HeaderLookup headers(String id, String timestamp, String signature) {
        return TestHeaders.of("webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signature);
    }

    private static StandardWebhooksSignature at(long epochSecond) {
        return new StandardWebhooksSignature(List.of(SECRET), TOLERANCE, clock(epochSecond));
    }

    static Clock clock(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
