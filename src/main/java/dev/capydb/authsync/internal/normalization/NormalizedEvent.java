package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.NormalizedUser;

/**
 * What a webhook means for the mirror: its event name, what to do with the user's row, and the user
 * ({@code null} when the event does not concern the table).
 */
public record NormalizedEvent(String name, Kind kind, NormalizedUser user) {

    /** The effect of an event on {@code capydb_auth.users}. */
    public enum Kind {
        /** Insert or update the row. */
        CREATED,
        /** Insert or update the row. */
        UPDATED,
        /** Set {@code deleted_at}, keep the row. */
        DELETED,
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

    public static NormalizedEvent notMirrored(String name) {
        return new NormalizedEvent(name, Kind.NOT_MIRRORED, null);
    }
}
