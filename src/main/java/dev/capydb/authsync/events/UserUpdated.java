package dev.capydb.authsync.events;

/**
 * A user's row of {@code capydb_auth.users} changed, committed: a {@code user.updated} webhook (or
 * Banata's {@code user.banned}, {@code user.unbanned}) was mirrored, or a backfill or reconciliation
 * brought the row up to its source.
 *
 * @param provider the provider's id ({@link UserChange#provider()})
 * @param user the user as it is now
 */
public record UserUpdated(String provider, User user) implements UserChange {
}
