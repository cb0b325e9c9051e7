package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.NormalizedUser;
import jakarta.json.JsonObject;

/**
 * Better Auth's webhook body as CapyDB documents it: {@code {"event": …, "user": {…}}}, with
 * {@code type} accepted for {@code event} and {@code data} for {@code user}. The user object is
 * Better Auth's core user (plus {@code username} from the username plugin).
 */
public final class BetterAuthNormalizer implements UserNormalizer {

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        String event = JsonFields.firstString(envelope, "event", "type");
        if (event == null || event.isBlank()) {
            throw new InvalidPayloadException("event (or type) is required");
        }
        NormalizedEvent.Kind kind = switch (event) {
            case "user.created" -> NormalizedEvent.Kind.CREATED;
            case "user.updated" -> NormalizedEvent.Kind.UPDATED;
            case "user.deleted" -> NormalizedEvent.Kind.DELETED;
            default -> NormalizedEvent.Kind.NOT_MIRRORED;
        };
        if (kind == NormalizedEvent.Kind.NOT_MIRRORED) {
            return NormalizedEvent.notMirrored(event);
        }
        JsonObject user = JsonFields.firstObject(envelope, "user", "data");
        if (user == null) {
            throw new InvalidPayloadException("user (or data) is required for " + event);
        }
        return new NormalizedEvent(event, kind, user(user));
    }

    static NormalizedUser user(JsonObject user) throws InvalidPayloadException {
        String id = JsonFields.string(user, "id", "user");
        if (id == null || id.isBlank()) {
            throw new InvalidPayloadException("user.id is required");
        }
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
