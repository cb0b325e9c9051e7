package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.NormalizedUser;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.function.Function;

/**
 * What every provider's body has in common: an event name, optionally an event id and timestamp
 * and, for user events, a user object; providers differ in the member names, the timestamp's
 * format, which events touch the table, and the user's shape.
 */
final class Envelope {

    /** A provider's user object to the provider-neutral user. */
    @FunctionalInterface
    interface UserMapping {
        NormalizedUser map(JsonObject user) throws InvalidPayloadException;
    }

    /** How a provider writes the envelope's {@code timestamp}. */
    @FunctionalInterface
    interface TimestampFormat {
        /** RFC 3339 text. */
        TimestampFormat RFC_3339 = JsonFields::timestamp;
        /** An integer of milliseconds since the epoch. */
        TimestampFormat EPOCH_MILLIS = JsonFields::epochMillis;
        /** The provider's envelope has no timestamp. */
        TimestampFormat NONE = (object, key, path) -> null;

        Instant read(JsonObject object, String key, String path) throws InvalidPayloadException;
    }

    private final String eventKey;
    private final String eventAlias;
    private final String userKey;
    private final String userAlias;
    private final TimestampFormat timestamp;

    /** The event name at {@code eventKey}, the user at {@code userKey}. */
    Envelope(String eventKey, String userKey, TimestampFormat timestamp) {
        this(eventKey, eventKey, userKey, userKey, timestamp);
    }

    /** The event name at {@code eventKey} (or {@code eventAlias}), the user at {@code userKey} (or {@code userAlias}). */
    Envelope(String eventKey, String eventAlias, String userKey, String userAlias, TimestampFormat timestamp) {
        this.eventKey = eventKey;
        this.eventAlias = eventAlias;
        this.userKey = userKey;
        this.userAlias = userAlias;
        this.timestamp = timestamp;
    }

    NormalizedEvent normalize(JsonObject body, Function<String, NormalizedEvent.Kind> kindOf, UserMapping mapping)
            throws InvalidPayloadException {
        String event = JsonFields.firstString(body, eventKey, eventAlias);
        if (event == null || event.isBlank()) {
            throw new InvalidPayloadException(describe(eventKey, eventAlias) + " is required");
        }
        // Only a string id is the sender's event id; other shapes are the provider's business.
        String eventId = body.get("id") instanceof JsonString id ? id.getString() : null;
        Instant occurredAt = timestamp.read(body, "timestamp", "body");
        NormalizedEvent.Kind kind = kindOf.apply(event);
        if (kind == NormalizedEvent.Kind.NOT_MIRRORED) {
            return new NormalizedEvent(event, kind, null, eventId, occurredAt);
        }
        JsonObject user = JsonFields.firstObject(body, userKey, userAlias);
        if (user == null) {
            throw new InvalidPayloadException(describe(userKey, userAlias) + " is required for " + event);
        }
        return new NormalizedEvent(event, kind, mapping.map(user), eventId, occurredAt);
    }

    private static String describe(String key, String alias) {
        return alias.equals(key) ? key : key + " (or " + alias + ")";
    }
}
