package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.NormalizedUser;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Clerk (through Svix): {@code {"type", "data", "timestamp"}}. The email is the entry of
 * {@code email_addresses} whose {@code id} is {@code primary_email_address_id}; dates are epoch
 * milliseconds; {@code user.deleted} carries only {@code {"id", "deleted": true}}.
 */
public final class ClerkNormalizer implements UserNormalizer {

    private static final Envelope ENVELOPE = new Envelope("type", "data", Envelope.TimestampFormat.EPOCH_MILLIS);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, NormalizedEvent.Kind::ofUserEvent, ClerkNormalizer::user);
    }

    private static NormalizedUser user(JsonObject user) throws InvalidPayloadException {
        return new NormalizedUser(
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
