package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.NormalizedUser;
import jakarta.json.JsonObject;

/**
 * Better Auth's webhook bodies: the CapyDB form {@code {"event": …, "user": {…}}} and the webhook
 * plugins' {@code {"id", "event", "timestamp", "data"}} ({@code type} is accepted for
 * {@code event}, {@code data} for {@code user}). The user object is Better Auth's core user (plus
 * {@code username} from the username plugin); Banata and generic Standard Webhooks senders use the
 * same shape, see {@link #user(JsonObject)}.
 */
public final class BetterAuthNormalizer implements UserNormalizer {

    private static final Envelope ENVELOPE = new Envelope("event", "type", "user", "data", Envelope.TimestampFormat.RFC_3339);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, NormalizedEvent.Kind::ofUserEvent, BetterAuthNormalizer::user);
    }

    /** A Better Auth-shaped user object: {@code id}, {@code email}, {@code name}, {@code image}, RFC 3339 dates. */
    static NormalizedUser user(JsonObject user) throws InvalidPayloadException {
        String id = JsonFields.requiredId(user, "id", "user");
        Names names = Names.split(JsonFields.string(user, "name", "user"));
        return new NormalizedUser(
                id,
                JsonFields.string(user, "email", "user"),
                names.first(),
                names.last(),
                JsonFields.string(user, "username", "user"),
                JsonFields.string(user, "image", "user"),
                JsonFields.timestamp(user, "createdAt", "user"),
                JsonFields.timestamp(user, "updatedAt", "user"),
                null,
                user.toString());
    }
}
