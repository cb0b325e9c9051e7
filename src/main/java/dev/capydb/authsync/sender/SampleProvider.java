package dev.capydb.authsync.sender;

import dev.capydb.authsync.WebhookSignatures;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Each provider as a sender: the body it posts for a sample event, in its own shape (seed documents
 * and the providers' documentation), and its signature headers. Signing goes through
 * {@link WebhookSignatures}, never through the receiver's verification code.
 */
enum SampleProvider {

    /** The CapyDB form: {@code {"event", "user"}}, signed with {@code X-Better-Auth-Signature}. */
    BETTER_AUTH("better-auth") {
        @Override
        JsonObject body(String event, SampleUser user, Instant at) {
            JsonObjectBuilder body = Json.createObjectBuilder().add("event", event);
            return body.add(event.startsWith("session.") ? "session" : "user", betterAuthShape(event, user, at)).build();
        }

        @Override
        Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at) {
            return WebhookSignatures.betterAuth(secret, body);
        }
    },

    /** Seed 002: {@code {"event", "timestamp", "data"}}, signed {@code t=…,v1=…} with a {@code Webhook-Id}. */
    BANATA("banata") {
        @Override
        JsonObject body(String event, SampleUser user, Instant at) {
            return timestamped("event", event, user, at);
        }

        @Override
        Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at) {
            return WebhookSignatures.banata(secret, body, deliveryId, at);
        }
    },

    /** Standard Webhooks: {@code {"type", "timestamp", "data"}} with {@code webhook-*} headers. */
    STANDARD_WEBHOOKS("standard-webhooks") {
        @Override
        JsonObject body(String event, SampleUser user, Instant at) {
            return timestamped("type", event, user, at);
        }

        @Override
        Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at) {
            return WebhookSignatures.standardWebhooks(secret, body, deliveryId, at);
        }
    },

    /** Clerk through Svix: Clerk's user object (snake case, epoch milliseconds) with {@code svix-*} headers. */
    CLERK("clerk") {
        @Override
        JsonObject body(String event, SampleUser user, Instant at) {
            long millis = at.toEpochMilli();
            JsonObjectBuilder data = Json.createObjectBuilder().add("id", event.startsWith("session.") ? "sess_" + user.id() : user.id());
            if (event.equals("user.deleted")) {
                data.add("object", "user").add("deleted", true);
            } else if (event.startsWith("session.")) {
                data.add("object", "session").add("user_id", user.id()).add("status", "active")
                        .add("created_at", millis).add("updated_at", millis);
            } else {
                data.add("object", "user")
                        .add("first_name", user.firstName())
                        .add("last_name", user.lastName())
                        .addNull("username")
                        .add("image_url", "https://img.clerk.com/sample")
                        .add("primary_email_address_id", "idn_" + user.id())
                        .add("email_addresses", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("id", "idn_" + user.id()).add("object", "email_address")
                                .add("email_address", user.email())))
                        .add("created_at", millis)
                        .add("updated_at", millis)
                        .addNull("last_sign_in_at");
            }
            return Json.createObjectBuilder().add("data", data).add("object", "event").add("timestamp", millis)
                    .add("type", event).build();
        }

        @Override
        Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at) {
            return WebhookSignatures.svix(secret, body, deliveryId, at);
        }
    },

    /** Auth0 from an Action or a Log Stream: {@code {"event", "user"}}, the shared secret as a bearer token. */
    AUTH0("auth0") {
        @Override
        JsonObject body(String event, SampleUser user, Instant at) {
            JsonObjectBuilder auth0User = Json.createObjectBuilder().add("user_id", user.id());
            if (!event.equals("user.deleted")) {
                auth0User.add("email", user.email())
                        .add("given_name", user.firstName())
                        .add("family_name", user.lastName())
                        .add("name", user.name())
                        .add("picture", "https://s.gravatar.com/avatar/sample.png")
                        .add("created_at", at.toString())
                        .add("updated_at", at.toString());
            }
            return Json.createObjectBuilder().add("event", event).add("user", auth0User).build();
        }

        @Override
        Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at) {
            return WebhookSignatures.auth0(secret);
        }
    };

    /** The events the sender builds, as every provider names them. */
    static final String[] EVENTS = {"user.created", "user.updated", "user.deleted", "session.created"};

    private final String id;

    SampleProvider(String id) {
        this.id = id;
    }

    /** The id the receiver knows it by: its path segment and config key. */
    String id() {
        return id;
    }

    /** The body this provider would send for {@code event} about {@code user} at {@code at}. */
    abstract JsonObject body(String event, SampleUser user, Instant at);

    /** The headers that sign {@code body}; {@code deliveryId} is used by the schemes that carry one. */
    abstract Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at);

    static Optional<SampleProvider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    static byte[] utf8(JsonObject body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Better Auth's core user (Banata and Standard Webhooks senders use the same shape), only the id
     * for a deletion; a session for a session event.
     */
    /** {@code {<eventKey>: event, "timestamp", "data"}}, the data in Better Auth's shape: Banata's and Standard Webhooks' envelope. */
    private static JsonObject timestamped(String eventKey, String event, SampleUser user, Instant at) {
        return Json.createObjectBuilder().add(eventKey, event).add("timestamp", at.toString())
                .add("data", betterAuthShape(event, user, at)).build();
    }

    private static JsonObjectBuilder betterAuthShape(String event, SampleUser user, Instant at) {
        String time = at.truncatedTo(ChronoUnit.MILLIS).toString();
        if (event.equals("user.deleted")) {
            return Json.createObjectBuilder().add("id", user.id());
        }
        if (event.startsWith("session.")) {
            return Json.createObjectBuilder().add("id", "sess_" + user.id()).add("userId", user.id())
                    .add("expiresAt", at.plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toString())
                    .add("createdAt", time).add("updatedAt", time);
        }
        return Json.createObjectBuilder()
                .add("id", user.id())
                .add("email", user.email())
                .add("emailVerified", false)
                .add("name", user.name())
                .addNull("image")
                .add("createdAt", time)
                .add("updatedAt", time);
    }
}
