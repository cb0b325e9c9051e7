package dev.capydb.authsync.it;

import dev.capydb.authsync.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * One provider as a sender of organization and membership events, in its own shapes and under its
 * own event names, signed with its own scheme: what each provider's webhook looks like (seed 002 for
 * Banata; Clerk's published event samples; Better Auth's organization plugin objects, which carry no
 * {@code updatedAt}).
 */
abstract class OrganizationSender {

    /** When every sample organization and membership was created. */
    static final Instant CREATED = Instant.parse("2025-02-01T09:00:00Z");

    final String provider;
    final String secret;

    OrganizationSender(String provider, String secret) {
        this.provider = provider;
        this.secret = secret;
    }

    /** The body of an organization's event ({@code created}, {@code updated} or {@code deleted}) at {@code at}. */
    abstract String organization(String change, String id, String name, Instant at);

    /** The body of a membership's event ({@code added}, {@code updated} or {@code removed}) at {@code at}. */
    abstract String member(String change, String organizationId, String userId, String role, Instant at);

    /** The headers that sign {@code body} as the delivery {@code deliveryId}. */
    abstract Map<String, String> sign(byte[] body, String deliveryId);

    /** Whether the provider's organization and membership objects carry their {@code updatedAt}. */
    abstract boolean keepsUpdatedAt();

    /** The event name of an organization's change. */
    String organizationEvent(String change) {
        return "organization." + change;
    }

    /** The event name of a membership's change, Banata's unless the provider names it otherwise. */
    String memberEvent(String change) {
        return switch (change) {
            case "added" -> "member.added";
            case "updated" -> "member.role_updated";
            default -> "member.removed";
        };
    }

    /** The role names an admin has with this provider. */
    String adminRole() {
        return "admin";
    }

    /** The organization's slug in the samples. */
    static String slug(String name) {
        return name.toLowerCase().replace(' ', '-');
    }

    @Override
    public String toString() {
        return provider;
    }

    /** A Better Auth-shaped organization (the organization plugin's object, plus Banata's {@code updatedAt}). */
    String betterAuthOrganization(String id, String name, Instant at) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"slug\":\"" + slug(name) + "\",\"logo\":\"https://logo/"
                + id + ".png\",\"createdAt\":\"" + CREATED + "\"" + (keepsUpdatedAt() ? ",\"updatedAt\":\"" + at + "\"" : "")
                + ",\"metadata\":{\"plan\":\"team\"}}";
    }

    /** A Better Auth-shaped member (the organization plugin's object, plus Banata's {@code updatedAt}). */
    String betterAuthMember(String organizationId, String userId, String role, Instant at) {
        return "{\"id\":\"mem_" + userId + "\",\"organizationId\":\"" + organizationId + "\",\"userId\":\"" + userId
                + "\",\"role\":\"" + role + "\",\"createdAt\":\"" + CREATED + "\""
                + (keepsUpdatedAt() ? ",\"updatedAt\":\"" + at + "\"" : "") + "}";
    }

    /** Better Auth's CapyDB form, sent from the organization plugin's hooks: the object under its model's name, and a timestamp. */
    static final class BetterAuth extends OrganizationSender {
        BetterAuth() {
            super("better-auth", "organizations-it-better-auth");
        }

        String organization(String change, String id, String name, Instant at) {
            return "{\"event\":\"" + organizationEvent(change) + "\",\"timestamp\":\"" + at + "\",\"organization\":"
                    + betterAuthOrganization(id, name, at) + "}";
        }

        String member(String change, String organizationId, String userId, String role, Instant at) {
            return "{\"event\":\"" + memberEvent(change) + "\",\"timestamp\":\"" + at + "\",\"member\":"
                    + betterAuthMember(organizationId, userId, role, at) + "}";
        }

        Map<String, String> sign(byte[] body, String deliveryId) {
            return WebhookSignatures.betterAuth(secret, body);
        }

        boolean keepsUpdatedAt() {
            return false;
        }
    }

    /** Seed 002: {@code {"event", "timestamp", "data"}}, signed {@code t=…,v1=…}. */
    static final class Banata extends BetterAuthShaped {
        Banata() {
            super("banata", "whsec_organizations-it-banata", "event");
        }

        Map<String, String> sign(byte[] body, String deliveryId) {
            return WebhookSignatures.banata(secret, body, deliveryId, Instant.now());
        }
    }

    /** A Standard Webhooks sender using Banata's event names: {@code {"type", "timestamp", "data"}}. */
    static final class StandardWebhooks extends BetterAuthShaped {
        StandardWebhooks() {
            super("standard-webhooks", "whsec_" + Base64.getEncoder().encodeToString(
                    "organizations-it-standard".getBytes(StandardCharsets.UTF_8)), "type");
        }

        Map<String, String> sign(byte[] body, String deliveryId) {
            return WebhookSignatures.standardWebhooks(secret, body, deliveryId, Instant.now());
        }
    }

    /** A sender of Better Auth-shaped objects (with {@code updatedAt}) at {@code data}, the event name at {@code eventKey}. */
    abstract static class BetterAuthShaped extends OrganizationSender {
        private final String eventKey;

        BetterAuthShaped(String provider, String secret, String eventKey) {
            super(provider, secret);
            this.eventKey = eventKey;
        }

        String organization(String change, String id, String name, Instant at) {
            return "{\"" + eventKey + "\":\"" + organizationEvent(change) + "\",\"timestamp\":\"" + at + "\",\"data\":"
                    + betterAuthOrganization(id, name, at) + "}";
        }

        String member(String change, String organizationId, String userId, String role, Instant at) {
            return "{\"" + eventKey + "\":\"" + memberEvent(change) + "\",\"timestamp\":\"" + at + "\",\"data\":"
                    + betterAuthMember(organizationId, userId, role, at) + "}";
        }

        boolean keepsUpdatedAt() {
            return true;
        }
    }

    /**
     * Clerk through Svix, in the shapes of Clerk's event samples: {@code organization.deleted} with only
     * the id, {@code organizationMembership.*} with the whole organization and the user's public data.
     */
    static final class Clerk extends OrganizationSender {
        Clerk() {
            super("clerk", "whsec_" + Base64.getEncoder().encodeToString(
                    "organizations-it-clerk".getBytes(StandardCharsets.UTF_8)));
        }

        String organization(String change, String id, String name, Instant at) {
            String data = change.equals("deleted") ? "{\"deleted\":true,\"id\":\"" + id + "\",\"object\":\"organization\"}"
                    : clerkOrganization(id, name, at);
            return envelope(organizationEvent(change), data, at);
        }

        String member(String change, String organizationId, String userId, String role, Instant at) {
            return envelope(memberEvent(change), "{\"created_at\":" + CREATED.toEpochMilli() + ",\"id\":\"orgmem_" + userId
                    + "\",\"object\":\"organization_membership\",\"organization\":"
                    + clerkOrganization(organizationId, "Clerk Org", CREATED) + ",\"permissions\":[],\"public_metadata\":{},"
                    + "\"public_user_data\":{\"first_name\":null,\"identifier\":\"" + userId + "@example.org\","
                    + "\"image_url\":\"https://img.clerk.com/x\",\"last_name\":null,\"user_id\":\"" + userId + "\"},"
                    + "\"role\":\"" + role + "\",\"updated_at\":" + at.toEpochMilli() + "}", at);
        }

        String memberEvent(String change) {
            return "organizationMembership." + switch (change) {
                case "added" -> "created";
                case "removed" -> "deleted";
                default -> change;
            };
        }

        String adminRole() {
            return "org:admin";
        }

        private static String clerkOrganization(String id, String name, Instant at) {
            return "{\"created_at\":" + CREATED.toEpochMilli() + ",\"created_by\":\"user_creator\",\"id\":\"" + id
                    + "\",\"image_url\":\"https://logo/" + id + ".png\",\"logo_url\":null,\"name\":\"" + name
                    + "\",\"object\":\"organization\",\"public_metadata\":{},\"slug\":\"" + slug(name) + "\",\"updated_at\":"
                    + at.toEpochMilli() + "}";
        }

        private static String envelope(String type, String data, Instant at) {
            return "{\"data\":" + data + ",\"event_attributes\":{\"http_request\":{\"client_ip\":\"\",\"user_agent\":\"\"}},"
                    + "\"object\":\"event\",\"timestamp\":" + at.toEpochMilli() + ",\"type\":\"" + type + "\"}";
        }

        Map<String, String> sign(byte[] body, String deliveryId) {
            return WebhookSignatures.svix(secret, body, deliveryId, Instant.now());
        }

        boolean keepsUpdatedAt() {
            return true;
        }
    }

    /** A new delivery id. */
    static String deliveryId() {
        return "msg_" + UUID.randomUUID();
    }
}
