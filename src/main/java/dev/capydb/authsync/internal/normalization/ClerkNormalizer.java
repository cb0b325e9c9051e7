package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.Membership;
import dev.capydb.authsync.events.Organization;
import dev.capydb.authsync.events.User;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Kind;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Subject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Clerk (through Svix): {@code {"type", "data", "timestamp"}}, dates in epoch milliseconds. A user's
 * email is the entry of {@code email_addresses} whose {@code id} is {@code primary_email_address_id};
 * {@code user.deleted} and {@code organization.deleted} carry only {@code {"id", "deleted": true}}.
 * An {@code organizationMembership.*} carries the whole membership, its organization at
 * {@code organization} and its user at {@code public_user_data.user_id}.
 */
public final class ClerkNormalizer implements Normalizer {

    private static final Envelope ENVELOPE = new Envelope("type", Envelope.TimestampFormat.EPOCH_MILLIS);
    private static final Envelope.Shapes SHAPES = new Envelope.Shapes(ClerkNormalizer::user,
            ClerkNormalizer::organization, ClerkNormalizer::membership);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, ClerkNormalizer::meaning, SHAPES);
    }

    private static Envelope.Meaning meaning(String event) {
        return switch (event) {
            case "organization.created" -> new Envelope.Meaning(Subject.ORGANIZATION, Kind.CREATED);
            case "organization.updated" -> new Envelope.Meaning(Subject.ORGANIZATION, Kind.UPDATED);
            case "organization.deleted" -> new Envelope.Meaning(Subject.ORGANIZATION, Kind.DELETED);
            case "organizationMembership.created" -> new Envelope.Meaning(Subject.MEMBERSHIP, Kind.CREATED);
            case "organizationMembership.updated" -> new Envelope.Meaning(Subject.MEMBERSHIP, Kind.UPDATED);
            case "organizationMembership.deleted" -> new Envelope.Meaning(Subject.MEMBERSHIP, Kind.DELETED);
            default -> Envelope.userEvent(event);
        };
    }

    static User user(JsonObject user) throws InvalidPayloadException {
        return new User(
                JsonFields.requiredId(user, "id", "data"),
                primaryEmail(user),
                JsonFields.string(user, "first_name", "data"),
                JsonFields.string(user, "last_name", "data"),
                JsonFields.string(user, "username", "data"),
                JsonFields.string(user, "image_url", "data"),
                JsonFields.epochMillis(user, "created_at", "data"),
                JsonFields.epochMillis(user, "updated_at", "data"),
                JsonFields.epochMillis(user, "last_sign_in_at", "data"),
                user.toString());
    }

    static Organization organization(JsonObject organization) throws InvalidPayloadException {
        return new Organization(
                JsonFields.requiredId(organization, "id", "data"),
                JsonFields.string(organization, "name", "data"),
                JsonFields.string(organization, "slug", "data"),
                JsonFields.string(organization, "image_url", "data"),
                JsonFields.epochMillis(organization, "created_at", "data"),
                JsonFields.epochMillis(organization, "updated_at", "data"),
                organization.toString());
    }

    static Membership membership(JsonObject membership) throws InvalidPayloadException {
        JsonObject organization = JsonFields.firstObject(membership, "organization");
        JsonObject user = JsonFields.firstObject(membership, "public_user_data");
        if (organization == null || user == null) {
            throw new InvalidPayloadException("data.organization and data.public_user_data are required");
        }
        return new Membership(
                JsonFields.requiredId(organization, "id", "data.organization"),
                JsonFields.requiredId(user, "user_id", "data.public_user_data"),
                JsonFields.string(membership, "role", "data"),
                JsonFields.epochMillis(membership, "created_at", "data"),
                JsonFields.epochMillis(membership, "updated_at", "data"),
                membership.toString());
    }

    private static String primaryEmail(JsonObject user) throws InvalidPayloadException {
        String primaryId = JsonFields.string(user, "primary_email_address_id", "data");
        for (JsonValue entry : JsonFields.array(user, "email_addresses", "data")) {
            if (!(entry instanceof JsonObject address)) {
                throw new InvalidPayloadException("data.email_addresses must hold objects");
            }
            if (primaryId != null && primaryId.equals(JsonFields.string(address, "id", "data.email_addresses[]"))) {
                return JsonFields.string(address, "email_address", "data.email_addresses[]");
            }
        }
        return null;
    }
}
