package dev.capydb.authsync.events;

/**
 * A user's row of {@code capydb_auth.users} changed, committed: a {@code user.updated} webhook was
 * mirrored, or a backfill brought the row up to its source.
 */
public record UserUpdated(String provider, NormalizedUser user) implements UserChange {
}
