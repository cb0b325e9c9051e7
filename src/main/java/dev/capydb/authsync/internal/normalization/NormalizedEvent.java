package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.NormalizedUser;
import java.time.Instant;

/**
 * What a webhook means for the mirror: its event name, what to do with the user's row, the user
 * ({@code null} when the event does not concern the table), and what the envelope says of the event
 * itself: the sender's event id and when it happened, each {@code null} when the body has none.
 */
public record NormalizedEvent(String name, Kind kind, NormalizedUser user, String eventId, Instant occurredAt) {

    /** The effect of an event on {@code capydb_auth.users}. */
    public enum Kind {
        /** Insert or update the row. */
        CREATED,
        /** Insert or update the row. */
        UPDATED,
        /** Set {@code deleted_at}, keep the row. */
        DELETED,
        /**
         * The user as its source holds it now, read by a backfill rather than announced by a webhook,
         * so whether it is new is for the table to say: insert or update the row, and tell which.
         */
        SNAPSHOT,
        /** Verified and acknowledged, but not mirrored (sessions, accounts, …). */
        NOT_MIRRORED;

        /** The kind of the three user events every provider names alike. */
        static Kind ofUserEvent(String event) {
            return switch (event) {
                case "user.created" -> CREATED;
                case "user.updated" -> UPDATED;
                case "user.deleted" -> DELETED;
                default -> NOT_MIRRORED;
            };
        }
    }

    /** This user as a {@link Kind#SNAPSHOT} of its source. */
    public NormalizedEvent asSnapshot() {
        return new NormalizedEvent(name, Kind.SNAPSHOT, user, eventId, occurredAt);
    }

    /**
     * The source time that orders changes of one user: the user's own {@code updatedAt}, else the
     * envelope's timestamp; {@code null} when the webhook carries neither.
     */
    public Instant sourceTime() {
        return user != null && user.updatedAt() != null ? user.updatedAt() : occurredAt;
    }
}
