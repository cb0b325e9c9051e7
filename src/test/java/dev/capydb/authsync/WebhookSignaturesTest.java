package dev.capydb.authsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capydb.authsync.internal.providers.Provider;
import dev.capydb.authsync.internal.verification.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The public signing helper matches the fixed vectors and produces what each provider's scheme accepts. */
class WebhookSignaturesTest {

    private static final Instant NOW = Instant.ofEpochSecond(1614265330);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void reproducesTheStandardWebhooksReferenceVector() {
        Map<String, String> headers = WebhookSignatures.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", BODY,
                "msg_p5jXN8AQM9LWM0D4loKWxJek", NOW);
        assertEquals(Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), headers);
    }

    @Test
    void reproducesTheBanataKnownAnswer() {
        byte[] body = ("{\"event\":\"user.created\",\"timestamp\":\"2024-01-15T10:30:00.000Z\","
                + "\"data\":{\"id\":\"usr_banata_kat\",\"name\":\"Jane Doe\"}}").getBytes(StandardCharsets.UTF_8);
        assertEquals("t=1705312200,v1=bdcbc9bc4ccdcc68387388c5dbe8611cf1eeab58d6819f412e2115dae95cb1a5",
                WebhookSignatures.banata("whsec_banata-kat-secret", body, "msg_01", Instant.ofEpochSecond(1705312200))
                        .get("Webhook-Signature"));
    }

    @Test
    void everyHelperProducesHeadersItsProviderAccepts() throws Exception {
        String base64Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertAccepted(Provider.BETTER_AUTH, "s3cret", WebhookSignatures.betterAuth("s3cret", BODY), Optional.empty());
        assertAccepted(Provider.BETTER_AUTH, "s3cret",
                WebhookSignatures.betterAuthPlugin("s3cret", BODY, "evt_9", "user.updated", NOW), Optional.of("evt_9"));
        assertAccepted(Provider.BANATA, "whsec_b4nata", WebhookSignatures.banata("whsec_b4nata", BODY, "msg_9", NOW),
                Optional.of("msg_9"));
        assertAccepted(Provider.STANDARD_WEBHOOKS, base64Secret,
                WebhookSignatures.standardWebhooks(base64Secret, BODY, "msg_8", NOW), Optional.of("msg_8"));
        assertAccepted(Provider.CLERK, base64Secret, WebhookSignatures.svix(base64Secret, BODY, "msg_7", NOW),
                Optional.of("msg_7"));
        assertAccepted(Provider.AUTH0, "shared", WebhookSignatures.auth0("shared"), Optional.empty());
    }

    private static void assertAccepted(Provider provider, String secret, Map<String, String> headers,
            Optional<String> deliveryId) throws Exception {
        SignatureScheme scheme = provider.signatureScheme(List.of(secret), Duration.ofMinutes(5), CLOCK);
        Map<String, String> lookup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lookup.putAll(headers);
        assertEquals(deliveryId, scheme.verify(lookup::get, BODY), provider.id());
    }
}
