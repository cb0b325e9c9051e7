package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.StandardWebhooksSignatureTest.clock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.internal.providers.Provider;
import dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The better-auth provider accepts the CapyDB form and the webhook plugins' form. */
class BetterAuthPluginSignatureTest {

    private static final String SECRET = "plugin-kat-secret";
    private static final byte[] BODY = ("{\"id\":\"evt_1\",\"event\":\"user.created\",\"timestamp\":\"2024-01-15T10:30:00.000Z\","
            + "\"data\":{\"id\":\"usr_plugin_kat\"}}").getBytes(StandardCharsets.UTF_8);
    /** printf '%s' "$BODY" | openssl dgst -sha256 -hmac plugin-kat-secret */
    private static final String HEX = "d86c00c721b9b24ad343629829526062e60fa9fd80a594c24690fac3bc46f3af";
    private static final long NOW = Instant.parse("2024-01-15T10:30:00Z").getEpochSecond();

    private final SignatureScheme provider = Provider.BETTER_AUTH.signatureScheme(List.of(SECRET), Duration.ofMinutes(5), clock(NOW));

    @Test
    void theKnownAnswerVerifiesAndYieldsTheWebhookId() throws Exception {
        assertEquals(Optional.of("evt_1"), provider.verify(TestHeaders.of("X-Webhook-Signature", "sha256=" + HEX,
                "X-Webhook-Id", "evt_1", "X-Webhook-Event", "user.created", "X-Webhook-Timestamp", "2024-01-15T10:30:00.000Z"), BODY));
        assertEquals(Optional.empty(), provider.verify(TestHeaders.of("X-Webhook-Signature", "sha256=" + HEX), BODY));
    }

    @Test
    void aBlankWebhookIdIsNoDeliveryId() throws Exception {
        // Otherwise every delivery with a blank id would share one delivery key: all but the first "duplicate".
        assertEquals(Optional.empty(), provider.verify(TestHeaders.of("X-Webhook-Signature", "sha256=" + HEX,
                "X-Webhook-Id", "  "), BODY));
        assertEquals(Optional.of("evt_1"), provider.verify(TestHeaders.of("X-Webhook-Signature", "sha256=" + HEX,
                "X-Webhook-Id", " evt_1 "), BODY));
    }

    @Test
    void thePresentTimestampMustBeFresh() {
        assertReason(Reason.TIMESTAMP_OUT_OF_TOLERANCE, "sha256=" + HEX, "2024-01-15T10:24:59Z");
        assertReason(Reason.TIMESTAMP_OUT_OF_TOLERANCE, "sha256=" + HEX, "2024-01-15T10:35:01+00:00");
        assertReason(Reason.MALFORMED, "sha256=" + HEX, "yesterday");
    }

    @Test
    void refusesMalformedAndWrongSignatures() {
        assertReason(Reason.MALFORMED, HEX, "2024-01-15T10:30:00Z");
        assertReason(Reason.MALFORMED, "sha256=zz", "2024-01-15T10:30:00Z");
        assertReason(Reason.MISMATCH, "sha256=" + "0".repeat(64), "2024-01-15T10:30:00Z");
        assertEquals(Reason.MISSING, assertThrows(SignatureVerificationException.class,
                () -> provider.verify(TestHeaders.of("X-Webhook-Id", "evt_1"), BODY)).reason());
    }

    private void assertReason(Reason reason, String signature, String timestamp) {
        assertEquals(reason, assertThrows(SignatureVerificationException.class, () -> provider.verify(
                TestHeaders.of("X-Webhook-Signature", signature, "X-Webhook-Timestamp", timestamp), BODY)).reason());
    }
}
