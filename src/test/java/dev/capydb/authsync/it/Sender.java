package dev.capydb.authsync.it;

import dev.capydb.authsync.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One provider as a sender: the bodies it posts for a user's creation, update and deletion and for
 * an event the mirror ignores, how it signs them, and the row each user event must leave.
 */
abstract class Sender {

    final String provider;
    final String secret;
    final String wrongSecret;

    Sender(String provider, String secret, String wrongSecret) {
        this.provider = provider;
        this.secret = secret;
        this.wrongSecret = wrongSecret;
    }

    abstract String created(String id);

    abstract String updated(String id);

    abstract String deleted(String id);

    /** An event the table does not hold; {@code marker} appears in the body as {@code "marker"}. */
    abstract String ignored(String marker);

    abstract String ignoredEventName();

    abstract Map<String, String> sign(String secret, byte[] body, Instant at);

    /** The columns (as {@link UsersTable#row} returns them, without raw) after {@link #created}. */
    abstract Map<String, Object> rowAfterCreate(String id);

    abstract Map<String, Object> rowAfterUpdate(String id);

    /** The part of the body that {@code raw} must equal. */
    abstract String rawOf(String body);

    /** Whether the scheme signs a timestamp that goes stale. */
    boolean signsTimestamp() {
        return true;
    }

    /** Whether the scheme signs the body, so that a changed body is detected. */
    boolean signsBody() {
        return true;
    }

    /** The headers without which delivery must fail. */
    abstract List<String> requiredHeaders();

    abstract String signatureHeader();

    Map<String, String> sign(byte[] body) {
        return sign(secret, body, Instant.now());
    }

    @Override
    public String toString() {
        return provider;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> row(String id, String email, String first, String last, String username, String image,
            String createdAt, String updatedAt, String lastSignInAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("email", email);
        row.put("first_name", first);
        row.put("last_name", last);
        row.put("username", username);
        row.put("image_url", image);
        row.put("created_at", createdAt == null ? null : Instant.parse(createdAt));
        row.put("updated_at", updatedAt == null ? null : Instant.parse(updatedAt));
        row.put("last_sign_in_at", lastSignInAt == null ? null : Instant.parse(lastSignInAt));
        row.put("deleted_at", null);
        return row;
    }

    /** The value of {@code "data"} in an envelope this class wrote (always the last member). */
    static String data(String body) {
        int start = body.indexOf("\"data\":") + "\"data\":".length();
        return body.substring(start, body.length() - 1);
    }

    /** Better Auth's webhook plugins; the CapyDB form has its own suite. */
    static final class BetterAuthPlugin extends Sender {
        BetterAuthPlugin() {
            super("better-auth", "it-better-auth-plugin-secret", "not-the-secret");
        }

        String created(String id) {
            return "{\"id\":\"evt_c_" + id + "\",\"event\":\"user.created\",\"timestamp\":\"2025-01-15T10:30:00.000Z\",\"data\":"
                    + "{\"id\":\"" + id + "\",\"email\":\"plugin@example.com\",\"name\":\"Plug In\",\"image\":\"https://i/p.png\","
                    + "\"createdAt\":\"2025-01-15T10:30:00.000Z\",\"updatedAt\":\"2025-01-15T10:30:00.000Z\"}}";
        }

        String updated(String id) {
            return "{\"id\":\"evt_u_" + id + "\",\"event\":\"user.updated\",\"timestamp\":\"2025-01-16T10:30:00.000Z\",\"data\":"
                    + "{\"id\":\"" + id + "\",\"email\":\"plugin2@example.com\",\"name\":\"Plug\",\"username\":\"plug\","
                    + "\"createdAt\":\"2025-01-15T10:30:00.000Z\",\"updatedAt\":\"2025-01-16T10:30:00.000Z\"}}";
        }

        String deleted(String id) {
            return "{\"id\":\"evt_d_" + id + "\",\"event\":\"user.deleted\",\"timestamp\":\"2025-01-17T10:30:00.000Z\",\"data\":{\"id\":\"" + id + "\"}}";
        }

        String ignored(String marker) {
            return "{\"marker\":\"" + marker + "\",\"event\":\"session.created\",\"data\":{\"id\":\"" + marker + "\"}}";
        }

        String ignoredEventName() {
            return "session.created";
        }

        Map<String, String> sign(String secret, byte[] body, Instant at) {
            return WebhookSignatures.betterAuthPlugin(secret, body, "evt_" + UUID.randomUUID(), "user.any", at);
        }

        Map<String, Object> rowAfterCreate(String id) {
            return row(id, "plugin@example.com", "Plug", "In", null, "https://i/p.png", "2025-01-15T10:30:00Z",
                    "2025-01-15T10:30:00Z", null);
        }

        Map<String, Object> rowAfterUpdate(String id) {
            return row(id, "plugin2@example.com", "Plug", null, "plug", null, "2025-01-15T10:30:00Z",
                    "2025-01-16T10:30:00Z", null);
        }

        String rawOf(String body) {
            return data(body);
        }

        List<String> requiredHeaders() {
            return List.of("X-Webhook-Signature");
        }

        String signatureHeader() {
            return "X-Webhook-Signature";
        }
    }

    static final class Banata extends Sender {
        Banata() {
            super("banata", "whsec_it-banata-secret", "whsec_it-banata-other");
        }

        String created(String id) {
            return "{\"event\":\"user.created\",\"timestamp\":\"2025-01-15T10:30:00.000Z\",\"data\":{\"id\":\"" + id
                    + "\",\"email\":\"jane@example.com\",\"name\":\"Jane Doe\",\"createdAt\":\"2025-01-15T10:30:00.000Z\"}}";
        }

        String updated(String id) {
            return "{\"event\":\"user.banned\",\"timestamp\":\"2025-01-16T10:30:00.000Z\",\"data\":{\"id\":\"" + id
                    + "\",\"email\":\"jane@example.com\",\"name\":\"Jane van Doe\",\"banned\":true,\"image\":\"https://i/j.png\","
                    + "\"createdAt\":\"2025-01-15T10:30:00.000Z\",\"updatedAt\":\"2025-01-16T10:30:00.000Z\"}}";
        }

        String deleted(String id) {
            return "{\"event\":\"user.deleted\",\"timestamp\":\"2025-01-17T10:30:00.000Z\",\"data\":{\"id\":\"" + id + "\"}}";
        }

        String ignored(String marker) {
            return "{\"marker\":\"" + marker + "\",\"event\":\"invitation.created\",\"data\":{\"id\":\"inv_1\"}}";
        }

        String ignoredEventName() {
            return "invitation.created";
        }

        Map<String, String> sign(String secret, byte[] body, Instant at) {
            return WebhookSignatures.banata(secret, body, "msg_" + UUID.randomUUID(), at);
        }

        Map<String, Object> rowAfterCreate(String id) {
            return row(id, "jane@example.com", "Jane", "Doe", null, null, "2025-01-15T10:30:00Z", null, null);
        }

        Map<String, Object> rowAfterUpdate(String id) {
            return row(id, "jane@example.com", "Jane", "van Doe", null, "https://i/j.png", "2025-01-15T10:30:00Z",
                    "2025-01-16T10:30:00Z", null);
        }

        String rawOf(String body) {
            return data(body);
        }

        List<String> requiredHeaders() {
            return List.of("Webhook-Id", "Webhook-Timestamp", "Webhook-Signature");
        }

        String signatureHeader() {
            return "Webhook-Signature";
        }
    }

    static final class StandardWebhooks extends Sender {
        StandardWebhooks() {
            super("standard-webhooks", "whsec_c3RhbmRhcmQtd2ViaG9va3MtaXQtc2VjcmV0", "whsec_b3RoZXItc2VjcmV0");
        }

        String created(String id) {
            return "{\"type\":\"user.created\",\"timestamp\":\"2025-01-15T10:30:00Z\",\"data\":{\"id\":\"" + id
                    + "\",\"email\":\"sw@example.com\",\"name\":\"Stan Dard\",\"username\":\"stan\",\"createdAt\":\"2025-01-15T10:30:00Z\"}}";
        }

        String updated(String id) {
            return "{\"type\":\"user.updated\",\"timestamp\":\"2025-01-16T10:30:00Z\",\"data\":{\"id\":\"" + id
                    + "\",\"email\":\"sw2@example.com\",\"name\":\"Stan Dard Jr\",\"username\":\"stan\",\"createdAt\":\"2025-01-15T10:30:00Z\","
                    + "\"updatedAt\":\"2025-01-16T10:30:00Z\"}}";
        }

        String deleted(String id) {
            return "{\"type\":\"user.deleted\",\"timestamp\":\"2025-01-17T10:30:00Z\",\"data\":{\"id\":\"" + id + "\"}}";
        }

        String ignored(String marker) {
            return "{\"marker\":\"" + marker + "\",\"type\":\"invoice.paid\",\"data\":{\"id\":\"inv_1\"}}";
        }

        String ignoredEventName() {
            return "invoice.paid";
        }

        Map<String, String> sign(String secret, byte[] body, Instant at) {
            return WebhookSignatures.standardWebhooks(secret, body, "msg_" + UUID.randomUUID(), at);
        }

        Map<String, Object> rowAfterCreate(String id) {
            return row(id, "sw@example.com", "Stan", "Dard", "stan", null, "2025-01-15T10:30:00Z", null, null);
        }

        Map<String, Object> rowAfterUpdate(String id) {
            return row(id, "sw2@example.com", "Stan", "Dard Jr", "stan", null, "2025-01-15T10:30:00Z", "2025-01-16T10:30:00Z", null);
        }

        String rawOf(String body) {
            return data(body);
        }

        List<String> requiredHeaders() {
            return List.of("webhook-id", "webhook-timestamp", "webhook-signature");
        }

        String signatureHeader() {
            return "webhook-signature";
        }
    }

    static final class Clerk extends Sender {
        Clerk() {
            super("clerk", "whsec_Y2xlcmstaXQtc2VjcmV0LWtleQ==", "whsec_b3RoZXItc2VjcmV0");
        }

        String created(String id) {
            return "{\"type\":\"user.created\",\"object\":\"event\",\"timestamp\":1736937000000,\"data\":{\"id\":\"" + id
                    + "\",\"object\":\"user\",\"first_name\":\"Clara\",\"last_name\":\"Kerk\",\"username\":null,"
                    + "\"image_url\":\"https://img.clerk.com/c\",\"primary_email_address_id\":\"idn_2\",\"email_addresses\":["
                    + "{\"id\":\"idn_1\",\"email_address\":\"old@example.com\"},{\"id\":\"idn_2\",\"email_address\":\"clara@example.com\"}],"
                    + "\"created_at\":1736937000000,\"updated_at\":1736937000000,\"last_sign_in_at\":null}}";
        }

        String updated(String id) {
            return "{\"type\":\"user.updated\",\"object\":\"event\",\"timestamp\":1737023400000,\"data\":{\"id\":\"" + id
                    + "\",\"object\":\"user\",\"first_name\":\"Clara\",\"last_name\":\"Kerk-Smith\",\"username\":\"clara\","
                    + "\"image_url\":\"https://img.clerk.com/c\",\"primary_email_address_id\":\"idn_1\",\"email_addresses\":["
                    + "{\"id\":\"idn_1\",\"email_address\":\"old@example.com\"},{\"id\":\"idn_2\",\"email_address\":\"clara@example.com\"}],"
                    + "\"created_at\":1736937000000,\"updated_at\":1737023400000,\"last_sign_in_at\":1737023300000}}";
        }

        String deleted(String id) {
            return "{\"type\":\"user.deleted\",\"object\":\"event\",\"timestamp\":1737109800000,\"data\":{\"deleted\":true,\"id\":\"" + id
                    + "\",\"object\":\"user\"}}";
        }

        String ignored(String marker) {
            return "{\"marker\":\"" + marker + "\",\"type\":\"session.created\",\"object\":\"event\",\"data\":{\"id\":\"sess_1\"}}";
        }

        String ignoredEventName() {
            return "session.created";
        }

        Map<String, String> sign(String secret, byte[] body, Instant at) {
            return WebhookSignatures.svix(secret, body, "msg_" + UUID.randomUUID(), at);
        }

        Map<String, Object> rowAfterCreate(String id) {
            return row(id, "clara@example.com", "Clara", "Kerk", null, "https://img.clerk.com/c", "2025-01-15T10:30:00Z",
                    "2025-01-15T10:30:00Z", null);
        }

        Map<String, Object> rowAfterUpdate(String id) {
            return row(id, "old@example.com", "Clara", "Kerk-Smith", "clara", "https://img.clerk.com/c", "2025-01-15T10:30:00Z",
                    "2025-01-16T10:30:00Z", "2025-01-16T10:28:20Z");
        }

        String rawOf(String body) {
            return data(body);
        }

        List<String> requiredHeaders() {
            return List.of("svix-id", "svix-timestamp", "svix-signature");
        }

        String signatureHeader() {
            return "svix-signature";
        }
    }

    static final class Auth0 extends Sender {
        Auth0() {
            super("auth0", "it-auth0-shared-secret", "it-auth0-wrong-secret");
        }

        String created(String id) {
            return "{\"event\":\"user.created\",\"user\":{\"user_id\":\"" + id + "\",\"email\":\"a0@example.com\","
                    + "\"name\":\"Ann Zero\",\"nickname\":\"annz\",\"picture\":\"https://s.gravatar.com/a.png\","
                    + "\"created_at\":\"2025-01-15T10:30:00.000Z\",\"updated_at\":\"2025-01-15T10:30:00.000Z\"}}";
        }

        String updated(String id) {
            return "{\"event\":\"user.updated\",\"user\":{\"user_id\":\"" + id + "\",\"email\":\"a0@example.com\","
                    + "\"given_name\":\"Ann\",\"family_name\":\"Zero-One\",\"name\":\"Ann Zero\",\"username\":\"ann\","
                    + "\"picture\":\"https://s.gravatar.com/a.png\",\"created_at\":\"2025-01-15T10:30:00.000Z\","
                    + "\"updated_at\":\"2025-01-16T10:30:00.000Z\",\"last_login\":\"2025-01-16T10:00:00.000Z\"}}";
        }

        String deleted(String id) {
            return "{\"event\":\"user.deleted\",\"user\":{\"user_id\":\"" + id + "\"}}";
        }

        String ignored(String marker) {
            return "{\"marker\":\"" + marker + "\",\"event\":\"login.success\",\"user\":{\"user_id\":\"x\"}}";
        }

        String ignoredEventName() {
            return "login.success";
        }

        Map<String, String> sign(String secret, byte[] body, Instant at) {
            return WebhookSignatures.auth0(secret);
        }

        Map<String, Object> rowAfterCreate(String id) {
            return row(id, "a0@example.com", "Ann", "Zero", "annz", "https://s.gravatar.com/a.png", "2025-01-15T10:30:00Z",
                    "2025-01-15T10:30:00Z", null);
        }

        Map<String, Object> rowAfterUpdate(String id) {
            return row(id, "a0@example.com", "Ann", "Zero-One", "ann", "https://s.gravatar.com/a.png", "2025-01-15T10:30:00Z",
                    "2025-01-16T10:30:00Z", "2025-01-16T10:00:00Z");
        }

        String rawOf(String body) {
            int start = body.indexOf("\"user\":") + "\"user\":".length();
            return body.substring(start, body.length() - 1);
        }

        @Override
        boolean signsTimestamp() {
            return false;
        }

        /** Auth0 sends a shared secret and signs nothing: the body's integrity rests on TLS. */
        @Override
        boolean signsBody() {
            return false;
        }

        List<String> requiredHeaders() {
            return List.of("Authorization");
        }

        String signatureHeader() {
            return "Authorization";
        }
    }
}
