package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.NormalizedUser;
import jakarta.json.JsonObject;
import java.util.function.Function;

/**
 * What every provider's body has in common: an event name and, for user events, a user object;
 * providers differ in the member names, which events touch the table, and the user's shape.
 */
final class Envelope {

    /** A provider's user object to the provider-neutral user. */
    @FunctionalInterface
    interface UserMapping {
        NormalizedUser map(JsonObject user) throws InvalidPayloadException;
    }

    private final String eventKey;
    private final String eventAlias;
    private final String userKey;
    private final String userAlias;

    /** The event name at {@code eventKey}, the user at {@code userKey}. */
    Envelope(String eventKey, String userKey) {
        this(eventKey, eventKey, userKey, userKey);
    }

    /** The event name at {@code eventKey} (or {@code eventAlias}), the user at {@code userKey} (or {@code userAlias}). */
    Envelope(String eventKey, String eventAlias, String userKey, String userAlias) {
        this.eventKey = eventKey;
        this.eventAlias = eventAlias;
        this.userKey = userKey;
        this.userAlias = userAlias;
    }

    NormalizedEvent normalize(JsonObject body, Function<String, NormalizedEvent.Kind> kindOf, UserMapping mapping)
            throws InvalidPayloadException {
        String event = JsonFields.firstString(body, eventKey, eventAlias);
        if (event == null || event.isBlank()) {
            throw new InvalidPayloadException(describe(eventKey, eventAlias) + " is required");
        }
        NormalizedEvent.Kind kind = kindOf.apply(event);
        if (kind == NormalizedEvent.Kind.NOT_MIRRORED) {
            return NormalizedEvent.notMirrored(event);
        }
        JsonObject user = JsonFields.firstObject(body, userKey, userAlias);
        if (user == null) {
            throw new InvalidPayloadException(describe(userKey, userAlias) + " is required for " + event);
        }
        return new NormalizedEvent(event, kind, mapping.map(user));
    }

    private static String describe(String key, String alias) {
        return alias.equals(key) ? key : key + " (or " + alias + ")";
    }
}
