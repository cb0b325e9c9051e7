package dev.capydb.authsync.sender;

import dev.capydb.authsync.WebhookSignatures;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each provider as a sender: the body it posts for a sample event, in its own shape (seed documents
 * and the providers' documentation), and its signature headers. Signing goes through
 * {@link WebhookSignatures}, never through the receiver's verification code.
 */
enum SampleProvider {

    /**
     * The CapyDB form: {@code {"event", "user"}} (an organization plugin's change at
     * {@code organization} or {@code member}, with a {@code timestamp}), signed with
     * {@code X-Better-Auth-Signature}.
     */
    BETTER_AUTH("better-auth", Events.BANATA) {
        @Override
        JsonObject body(String event, SampleUser user, SampleOrganization organization, Instant at) {
            JsonObjectBuilder body = Json.createObjectBuilder().add("event", event);
            String key = event.substring(0, event.indexOf('.'));
            if (key.equals("organization") || key.equals("member")) {
                body.add("timestamp", at.toString());
            }
            return body.add(key, betterAuthShape(event, user, organization, at)).build();
        }

        @Override
        Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at) {
            return WebhookSignatures.betterAuth(secret, body);
        }
    },

    /** Seed 002: {@code {"event", "timestamp", "data"}}, signed {@code t=…,v1=…} with a {@code Webhook-Id}. */
    BANATA("banata", Events.BANATA) {
        @Override
        JsonObject body(String event, SampleUser user, SampleOrganization organization, Instant at) {
            return timestamped("event", event, user, organization, at);
        }

        @Override
        Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at) {
            return WebhookSignatures.banata(secret, body, deliveryId, at);
        }
    },

    /** Standard Webhooks: {@code {"type", "timestamp", "data"}} with {@code webhook-*} headers, Banata's event names. */
    STANDARD_WEBHOOKS("standard-webhooks", Events.BANATA) {
        @Override
        JsonObject body(String event, SampleUser user, SampleOrganization organization, Instant at) {
            return timestamped("type", event, user, organization, at);
        }

        @Override
        Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at) {
            return WebhookSignatures.standardWebhooks(secret, body, deliveryId, at);
        }
    },

    /**
     * Clerk through Svix: Clerk's objects (snake case, epoch milliseconds) with {@code svix-*} headers;
     * a deleted user or organization as {@code {"object", "id", "deleted": true}}.
     */
    CLERK("clerk", "user.created", "user.updated", "user.deleted", "session.created", "organization.created",
            "organization.updated", "organization.deleted", "organizationMembership.created",
            "organizationMembership.updated", "organizationMembership.deleted") {
        @Override
        JsonObject body(String event, SampleUser user, SampleOrganization organization, Instant at) {
            long millis = at.toEpochMilli();
            JsonObjectBuilder data;
            if (event.equals("user.deleted") || event.equals("organization.deleted")) {
                data = Json.createObjectBuilder().add("object", event.substring(0, event.indexOf('.')))
                        .add("id", event.startsWith("user.") ? user.id() : organization.id()).add("deleted", true);
            } else if (event.startsWith("session.")) {
                data = Json.createObjectBuilder().add("id", "sess_" + user.id()).add("object", "session")
                        .add("user_id", user.id()).add("status", "active").add("created_at", millis).add("updated_at", millis);
            } else if (event.startsWith("organizationMembership.")) {
                data = Json.createObjectBuilder().add("id", "orgmem_" + organization.id() + "_" + user.id())
                        .add("object", "organization_membership")
                        .add("role", organization.role())
                        .add("permissions", Json.createArrayBuilder())
                        .add("public_metadata", Json.createObjectBuilder())
                        .add("organization", clerkOrganization(organization, millis))
                        .add("public_user_data", Json.createObjectBuilder().add("user_id", user.id())
                                .add("identifier", user.email()).add("first_name", user.firstName())
                                .add("last_name", user.lastName()).add("image_url", "https://img.clerk.com/sample")
                                .add("has_image", false))
                        .add("created_at", millis)
                        .add("updated_at", millis);
            } else if (event.startsWith("organization.")) {
                data = clerkOrganization(organization, millis);
            } else {
                data = Json.createObjectBuilder().add("id", user.id()).add("object", "user")
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
    AUTH0("auth0", Events.USER) {
        @Override
        JsonObject body(String event, SampleUser user, SampleOrganization organization, Instant at) {
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

    /** Event names shared by several providers (a holder: an enum constant cannot read the enum's own statics). */
    private static final class Events {
        static final String[] USER = {"user.created", "user.updated", "user.deleted", "session.created"};
        static final String[] BANATA = {"user.created", "user.updated", "user.deleted", "session.created",
            "organization.created", "organization.updated", "organization.deleted", "member.added",
            "member.role_updated", "member.removed"};
    }

    private final String id;
    private final List<String> events;

    SampleProvider(String id, String... events) {
        this.id = id;
        this.events = List.of(events);
    }

    /** The id the receiver knows it by: its path segment and config key. */
    String id() {
        return id;
    }

    /** The events the sender builds for this provider, as it names them; the first is the default. */
    List<String> events() {
        return events;
    }

    /**
     * The body this provider would send for {@code event} about {@code user} (a user's event) or
     * {@code organization} (an organization's event; a membership's is the user's in it) at {@code at}.
     */
    abstract JsonObject body(String event, SampleUser user, SampleOrganization organization, Instant at);

    /** The headers that sign {@code body}; {@code deliveryId} is used by the schemes that carry one. */
    abstract Map<String, String> sign(String secret, byte[] body, String deliveryId, Instant at);

    static Optional<SampleProvider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    static byte[] utf8(JsonObject body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code {<eventKey>: event, "timestamp", "data"}}, the data in Better Auth's shape: Banata's and
     * Standard Webhooks' envelope.
     */
    private static JsonObject timestamped(String eventKey, String event, SampleUser user, SampleOrganization organization,
            Instant at) {
        return Json.createObjectBuilder().add(eventKey, event).add("timestamp", at.toString())
                .add("data", betterAuthShape(event, user, organization, at)).build();
    }

    /**
     * Better Auth's objects (Banata and Standard Webhooks senders use the same shapes): the core user,
     * only its id for a deletion; a session; the organization plugin's organization and member.
     */
    private static JsonObjectBuilder betterAuthShape(String event, SampleUser user, SampleOrganization organization,
            Instant at) {
        String time = at.truncatedTo(ChronoUnit.MILLIS).toString();
        if (event.equals("user.deleted")) {
            return Json.createObjectBuilder().add("id", user.id());
        }
        if (event.startsWith("session.")) {
            return Json.createObjectBuilder().add("id", "sess_" + user.id()).add("userId", user.id())
                    .add("expiresAt", at.plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toString())
                    .add("createdAt", time).add("updatedAt", time);
        }
        if (event.startsWith("organization.")) {
            return Json.createObjectBuilder().add("id", organization.id()).add("name", organization.name())
                    .add("slug", organization.slug()).addNull("logo").add("createdAt", time).addNull("metadata");
        }
        if (event.startsWith("member.")) {
            return Json.createObjectBuilder().add("id", "mem_" + organization.id() + "_" + user.id())
                    .add("organizationId", organization.id()).add("userId", user.id())
                    .add("role", organization.role()).add("createdAt", time);
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

    private static JsonObjectBuilder clerkOrganization(SampleOrganization organization, long millis) {
        return Json.createObjectBuilder().add("id", organization.id()).add("object", "organization")
                .add("name", organization.name()).add("slug", organization.slug())
                .add("image_url", "https://img.clerk.com/sample").add("has_image", false)
                .add("public_metadata", Json.createObjectBuilder())
                .add("created_at", millis).add("updated_at", millis);
    }
}
