package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.Membership;
import dev.capydb.authsync.events.Organization;
import dev.capydb.authsync.events.User;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Kind;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Subject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * What every provider's body has in common: an event name, optionally an event id and timestamp
 * and, for the events the mirror writes, the object they are about; providers differ in the member
 * names, the timestamp's format, which events touch the mirror, and the objects' shapes.
 */
final class Envelope {

    /** A provider's object (user, organization, membership) to its provider-neutral record. */
    @FunctionalInterface
    interface Mapping<T> {
        T map(JsonObject object) throws InvalidPayloadException;
    }

    /** How one provider's objects become rows: a mapping per table it mirrors, {@code null} for the others. */
    record Shapes(Mapping<User> user, Mapping<Organization> organization,
            Mapping<Membership> membership) {

        /** A provider that mirrors users only. */
        static Shapes users(Mapping<User> user) {
            return new Shapes(user, null, null);
        }
    }

    /** What an event name means to the mirror: the table it writes and what it does to the row. */
    record Meaning(Subject subject, Kind kind) {

        static final Meaning NOT_MIRRORED = new Meaning(null, Kind.NOT_MIRRORED);
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

    private static final String DATA = "data";

    private final String eventKey;
    private final String eventAlias;
    private final Map<Subject, String> objectKeys;
    private final String objectAlias;
    private final TimestampFormat timestamp;

    /** The event name at {@code eventKey}, the object at {@code data}. */
    Envelope(String eventKey, TimestampFormat timestamp) {
        this(eventKey, eventKey, Map.of(), DATA, timestamp);
    }

    /**
     * The event name at {@code eventKey} (or {@code eventAlias}); the object at the key {@code objectKeys}
     * names for its table ({@code data} for a table it does not name), or at {@code objectAlias}.
     */
    Envelope(String eventKey, String eventAlias, Map<Subject, String> objectKeys, String objectAlias,
            TimestampFormat timestamp) {
        this.eventKey = eventKey;
        this.eventAlias = eventAlias;
        this.objectKeys = Map.copyOf(objectKeys);
        this.objectAlias = objectAlias;
        this.timestamp = timestamp;
    }

    NormalizedEvent normalize(JsonObject body, Function<String, Meaning> meaningOf, Shapes shapes)
            throws InvalidPayloadException {
        String event = JsonFields.firstString(body, eventKey, eventAlias);
        if (event == null || event.isBlank()) {
            throw new InvalidPayloadException(describe(eventKey, eventAlias) + " is required");
        }
        // Only a string id is the sender's event id; other shapes are the provider's business.
        String eventId = body.get("id") instanceof JsonString id ? id.getString() : null;
        Instant occurredAt = timestamp.read(body, "timestamp", "body");
        Meaning meaning = meaningOf.apply(event);
        if (meaning.kind() == Kind.NOT_MIRRORED) {
            return NormalizedEvent.notMirrored(event, eventId, occurredAt);
        }
        String key = objectKeys.getOrDefault(meaning.subject(), DATA);
        JsonObject object = JsonFields.firstObject(body, key, objectAlias);
        if (object == null) {
            throw new InvalidPayloadException(describe(key, objectAlias) + " is required for " + event);
        }
        return switch (meaning.subject()) {
            case USER -> NormalizedEvent.of(event, meaning.kind(), shapes.user().map(object), eventId, occurredAt);
            case ORGANIZATION -> NormalizedEvent.of(event, meaning.kind(), shapes.organization().map(object), eventId,
                    occurredAt);
            case MEMBERSHIP -> NormalizedEvent.of(event, meaning.kind(), shapes.membership().map(object), eventId,
                    occurredAt);
        };
    }

    /**
     * The events every provider names alike: {@code user.created}, {@code user.updated} and
     * {@code user.deleted}; anything else is not mirrored.
     */
    static Meaning userEvent(String event) {
        return switch (event) {
            case "user.created" -> new Meaning(Subject.USER, Kind.CREATED);
            case "user.updated" -> new Meaning(Subject.USER, Kind.UPDATED);
            case "user.deleted" -> new Meaning(Subject.USER, Kind.DELETED);
            default -> Meaning.NOT_MIRRORED;
        };
    }

    /**
     * Banata's event names, which Better Auth senders and Standard Webhooks senders use too: the user
     * events, {@code organization.created|updated|deleted} and {@code member.added|role_updated|removed}.
     */
    static Meaning banataEvent(String event) {
        return switch (event) {
            case "organization.created" -> new Meaning(Subject.ORGANIZATION, Kind.CREATED);
            case "organization.updated" -> new Meaning(Subject.ORGANIZATION, Kind.UPDATED);
            case "organization.deleted" -> new Meaning(Subject.ORGANIZATION, Kind.DELETED);
            case "member.added" -> new Meaning(Subject.MEMBERSHIP, Kind.CREATED);
            case "member.role_updated" -> new Meaning(Subject.MEMBERSHIP, Kind.UPDATED);
            case "member.removed" -> new Meaning(Subject.MEMBERSHIP, Kind.DELETED);
            default -> userEvent(event);
        };
    }

    private static String describe(String key, String alias) {
        return alias.equals(key) ? key : key + " (or " + alias + ")";
    }
}
