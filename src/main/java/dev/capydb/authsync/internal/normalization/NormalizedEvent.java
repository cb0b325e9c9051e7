package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.Membership;
import dev.capydb.authsync.events.Organization;
import dev.capydb.authsync.events.User;
import java.time.Instant;

/**
 * What a webhook means for the mirror: its event name, what to do with a row, the user,
 * organization or membership the row holds (at most one of them, none when the event does not
 * concern the mirror), and what the envelope says of the event itself: the sender's event id and
 * when it happened, each {@code null} when the body has none.
 */
public record NormalizedEvent(String name, Kind kind, User user, Organization organization,
        Membership membership, String eventId, Instant occurredAt) {

    /** The effect of an event on its row. */
    public enum Kind {
        /** Insert or update the row. */
        CREATED,
        /** Insert or update the row. */
        UPDATED,
        /** Set {@code deleted_at}, keep the row. */
        DELETED,
        /**
         * The object as its source holds it now, read by a backfill rather than announced by a webhook,
         * so whether it is new is for the table to say: insert or update the row, and tell which.
         */
        SNAPSHOT,
        /** Verified and acknowledged, but not mirrored (sessions, accounts, …). */
        NOT_MIRRORED
    }

    /** What a mirrored event is about: a row of {@code users}, {@code organizations} or {@code memberships}. */
    public enum Subject {
        USER, ORGANIZATION, MEMBERSHIP
    }

    /** An event the mirror acknowledges and does not write. */
    public static NormalizedEvent notMirrored(String name, String eventId, Instant occurredAt) {
        return new NormalizedEvent(name, Kind.NOT_MIRRORED, null, null, null, eventId, occurredAt);
    }

    public static NormalizedEvent of(String name, Kind kind, User user, String eventId, Instant occurredAt) {
        return new NormalizedEvent(name, kind, user, null, null, eventId, occurredAt);
    }

    public static NormalizedEvent of(String name, Kind kind, Organization organization, String eventId,
            Instant occurredAt) {
        return new NormalizedEvent(name, kind, null, organization, null, eventId, occurredAt);
    }

    public static NormalizedEvent of(String name, Kind kind, Membership membership, String eventId,
            Instant occurredAt) {
        return new NormalizedEvent(name, kind, null, null, membership, eventId, occurredAt);
    }

    /** This event as a {@link Kind#SNAPSHOT} of its object's source. */
    public NormalizedEvent asSnapshot() {
        return new NormalizedEvent(name, Kind.SNAPSHOT, user, organization, membership, eventId, occurredAt);
    }

    /** The table the event writes to; {@code null} when it is not mirrored. */
    public Subject subject() {
        if (user != null) {
            return Subject.USER;
        }
        if (organization != null) {
            return Subject.ORGANIZATION;
        }
        return membership != null ? Subject.MEMBERSHIP : null;
    }

    /**
     * The row's identity as one text, for logs and keys: the user's or organization's id, or the
     * membership's organization and user ids (the organization's length first, so no two pairs read
     * alike); {@code null} when the event is not mirrored.
     */
    public String subjectId() {
        if (user != null) {
            return user.id();
        }
        if (organization != null) {
            return organization.id();
        }
        return membership == null ? null
                : membership.organizationId().length() + ":" + membership.organizationId() + "/" + membership.userId();
    }

    /**
     * The source time that orders changes of one row: the object's own {@code updatedAt}, else the
     * envelope's timestamp; for an organization or membership with neither (Better Auth keeps no
     * {@code updatedAt} of them), its {@code createdAt}. A membership's removal is placed at the
     * envelope's timestamp first: the object it carries may show its last change before the removal.
     * {@code null} when the webhook carries none of them.
     */
    public Instant sourceTime() {
        if (user != null) {
            return first(user.updatedAt(), occurredAt);
        }
        if (organization != null) {
            return first(organization.updatedAt(), occurredAt, organization.createdAt());
        }
        if (membership != null) {
            return kind == Kind.DELETED ? first(occurredAt, membership.updatedAt(), membership.createdAt())
                    : first(membership.updatedAt(), occurredAt, membership.createdAt());
        }
        return occurredAt;
    }

    private static Instant first(Instant... candidates) {
        for (Instant candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
