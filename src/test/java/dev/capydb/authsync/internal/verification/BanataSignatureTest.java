package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.StandardWebhooksSignatureTest.clock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BanataSignatureTest {

    private static final String SECRET = "whsec_banata-kat-secret";
    private static final long T = 1705312200;
    private static final byte[] BODY = ("{\"event\":\"user.created\",\"timestamp\":\"2024-01-15T10:30:00.000Z\","
            + "\"data\":{\"id\":\"usr_banata_kat\",\"name\":\"Jane Doe\"}}").getBytes(StandardCharsets.UTF_8);
    /** printf '%s' "1705312200.$BODY" | openssl dgst -sha256 -hmac banata-kat-secret */
    private static final String V1 = "bdcbc9bc4ccdcc68387388c5dbe8611cf1eeab58d6819f412e2115dae95cb1a5";
    private static final String DECOY = "0".repeat(64);

    private final BanataSignature scheme = at(T);

    @Test
    void theKnownAnswerVerifiesWithTheSecretsUtf8BytesAfterItsPrefix() throws Exception {
        assertEquals(Optional.of("msg_01"), scheme.verify(headers("t=" + T + ",v1=" + V1), BODY));
        assertEquals(Optional.of("msg_01"), new BanataSignature(List.of("banata-kat-secret"), Duration.ofMinutes(5), clock(T))
                .verify(headers("t=" + T + ",v1=" + V1), BODY));
    }

    @Test
    void anyOfSeveralV1ValuesMayMatch() throws Exception {
        assertEquals(Optional.of("msg_01"), scheme.verify(headers("t=" + T + ",v1=" + DECOY + ",v1=" + V1.toUpperCase()), BODY));
    }

    @Test
    void refusesStaleAndFutureTimestamps() {
        assertReason(Reason.TIMESTAMP_OUT_OF_TOLERANCE, at(T + 301), headers("t=" + T + ",v1=" + V1));
        assertReason(Reason.TIMESTAMP_OUT_OF_TOLERANCE, at(T - 301), headers("t=" + T + ",v1=" + V1));
    }

    @Test
    void refusesMissingParts() {
        assertReason(Reason.MISSING, scheme, TestHeaders.of("Webhook-Timestamp", "" + T, "Webhook-Signature", "t=" + T + ",v1=" + V1));
        assertReason(Reason.MISSING, scheme, TestHeaders.of("Webhook-Id", "msg_01", "Webhook-Signature", "t=" + T + ",v1=" + V1));
        assertReason(Reason.MISSING, scheme, TestHeaders.of("Webhook-Id", "msg_01", "Webhook-Timestamp", "" + T));
        assertReason(Reason.MALFORMED, scheme, headers("v1=" + V1));
        assertReason(Reason.MALFORMED, scheme, headers("t=" + T));
        assertReason(Reason.MALFORMED, scheme, headers(""));
    }

    @Test
    void refusesATimestampThatDiffersFromTheHeaderAndMalformedValues() {
        assertReason(Reason.MALFORMED, scheme, TestHeaders.of("Webhook-Id", "msg_01", "Webhook-Timestamp", "" + (T + 1),
                "Webhook-Signature", "t=" + T + ",v1=" + V1));
        assertReason(Reason.MALFORMED, scheme, headers("t=" + T + ",t=" + T + ",v1=" + V1));
        assertReason(Reason.MALFORMED, scheme, headers("t=" + T + ",v1=xyz"));
        assertReason(Reason.MALFORMED, scheme, headers("t=" + T + ",v1=" + V1.substring(2)));
        assertReason(Reason.MALFORMED, scheme, headers("t=" + T + ";v1=" + V1));
    }

    @Test
    void refusesATamperedBodyAndAWrongSecret() {
        assertEquals(Reason.MISMATCH, assertThrows(SignatureVerificationException.class,
                () -> scheme.verify(headers("t=" + T + ",v1=" + V1), "{}".getBytes(StandardCharsets.UTF_8))).reason());
        assertReason(Reason.MISMATCH, new BanataSignature(List.of("whsec_other"), Duration.ofMinutes(5), clock(T)),
                headers("t=" + T + ",v1=" + V1));
    }

    private static void assertReason(Reason reason, BanataSignature scheme, SignatureScheme.HeaderLookup headers) {
        assertEquals(reason, assertThrows(SignatureVerificationException.class, () -> scheme.verify(headers, BODY)).reason());
    }

    private static SignatureScheme.HeaderLookup headers(String signature) {
        return TestHeaders.of("Webhook-Id", "msg_01", "Webhook-Timestamp", "" + T, "Webhook-Signature", signature);
    }

    private static BanataSignature at(long epochSecond) {
        return new BanataSignature(List.of(SECRET), Duration.ofMinutes(5), clock(epochSecond));
    }
}
