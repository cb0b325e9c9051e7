package dev.capydb.authsync;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way each provider does, returning the request headers to send along
 * with exactly those bytes: any body, a user's, an organization's or a membership's event. For an application's own tests and for trying the receiver by hand;
 * uses only the JDK. Each method takes the secret as it is configured for the receiver.
 *
 * <pre>{@code
 * byte[] body = "{\"event\":\"user.created\",\"user\":{\"id\":\"usr_1\"}}".getBytes(UTF_8);
 * Map<String, String> headers = WebhookSignatures.betterAuth("my-secret", body);
 * // POST body to …/capydb-auth/webhooks/better-auth with headers and Content-Type: application/json
 * }</pre>
 */
public final class WebhookSignatures {

    private static final String SECRET_PREFIX = "whsec_";

    private WebhookSignatures() {
    }

    /**
     * Signs as Better Auth's hooks do in the CapyDB form: {@code X-Better-Auth-Signature}, the hex
     * HMAC-SHA256 of the body.
     *
     * @param secret the secret as configured ({@code capydb.auth.better-auth.secret})
     * @param body the exact bytes to send
     * @return the headers to send with them
     */
    public static Map<String, String> betterAuth(String secret, byte[] body) {
        return Map.of("X-Better-Auth-Signature", HexFormat.of().formatHex(hmac(utf8(secret), body)));
    }

    /**
     * Signs as Better Auth's webhook plugins do: {@code X-Webhook-Signature: sha256=<hex>}, with the
     * delivery's id, event and ISO 8601 timestamp in headers of their own.
     *
     * @param secret the secret as configured ({@code capydb.auth.better-auth.secret})
     * @param body the exact bytes to send
     * @param id the delivery's id, sent as {@code X-Webhook-Id}
     * @param event the event's name, sent as {@code X-Webhook-Event}
     * @param timestamp when it was sent, as {@code X-Webhook-Timestamp}
     * @return the headers to send with the body
     */
    public static Map<String, String> betterAuthPlugin(String secret, byte[] body, String id, String event,
            Instant timestamp) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Webhook-Id", id);
        headers.put("X-Webhook-Event", event);
        headers.put("X-Webhook-Timestamp", timestamp.toString());
        headers.put("X-Webhook-Signature", "sha256=" + HexFormat.of().formatHex(hmac(utf8(secret), body)));
        return Map.copyOf(headers);
    }

    /**
     * Signs as Banata Auth's documentation does: {@code Webhook-Signature: t=<seconds>,v1=<hex>}, the
     * HMAC-SHA256 of {@code "<t>.<body>"} keyed with the secret after {@code whsec_}.
     *
     * @param secret the endpoint's {@code whsec_…} secret as configured ({@code capydb.auth.banata.secret})
     * @param body the exact bytes to send
     * @param id the delivery's id, sent as {@code Webhook-Id}
     * @param timestamp when it was sent; it must lie within the receiver's tolerance of its clock
     * @return the headers to send with the body
     */
    public static Map<String, String> banata(String secret, byte[] body, String id, Instant timestamp) {
        String t = Long.toString(timestamp.getEpochSecond());
        byte[] signature = hmac(utf8(withoutPrefix(secret)), utf8(t + "."), body);
        return Map.of("Webhook-Id", id, "Webhook-Timestamp", t,
                "Webhook-Signature", "t=" + t + ",v1=" + HexFormat.of().formatHex(signature));
    }

    /**
     * Signs as the Standard Webhooks specification does: {@code webhook-id}, {@code webhook-timestamp},
     * {@code webhook-signature: v1,<base64>}, the HMAC-SHA256 of {@code "<id>.<timestamp>.<body>"}.
     *
     * @param secret {@code whsec_} and the base64 of the key, as configured
     *     ({@code capydb.auth.standard-webhooks.secret})
     * @param body the exact bytes to send
     * @param id the delivery's id
     * @param timestamp when it was sent; it must lie within the receiver's tolerance of its clock
     * @return the headers to send with the body
     * @throws IllegalArgumentException when the secret after {@code whsec_} is not base64
     */
    public static Map<String, String> standardWebhooks(String secret, byte[] body, String id, Instant timestamp) {
        return standard("webhook-", secret, body, id, timestamp);
    }

    /**
     * Signs as Svix does for Clerk: the Standard Webhooks scheme under {@code svix-} header names.
     *
     * @param secret the endpoint's {@code whsec_…} secret as configured ({@code capydb.auth.clerk.secret})
     * @param body the exact bytes to send
     * @param id the delivery's id
     * @param timestamp when it was sent; it must lie within the receiver's tolerance of its clock
     * @return the headers to send with the body
     * @throws IllegalArgumentException when the secret after {@code whsec_} is not base64
     */
    public static Map<String, String> svix(String secret, byte[] body, String id, Instant timestamp) {
        return standard("svix-", secret, body, id, timestamp);
    }

    /**
     * Authorizes as an Auth0 Action sends: the shared secret as a bearer token (nothing is signed).
     *
     * @param secret the secret as configured ({@code capydb.auth.auth0.secret})
     * @return the header to send
     */
    public static Map<String, String> auth0(String secret) {
        return Map.of("Authorization", "Bearer " + secret);
    }

    private static Map<String, String> standard(String family, String secret, byte[] body, String id,
            Instant timestamp) {
        String t = Long.toString(timestamp.getEpochSecond());
        byte[] key = Base64.getDecoder().decode(withoutPrefix(secret));
        byte[] signature = hmac(key, utf8(id + "." + t + "."), body);
        return Map.of(family + "id", id, family + "timestamp", t,
                family + "signature", "v1," + Base64.getEncoder().encodeToString(signature));
    }

    private static String withoutPrefix(String secret) {
        return secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
