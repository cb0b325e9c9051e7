package dev.capydb.authsync.events;

/**
 * A user came to {@code capydb_auth.users}, committed: a {@code user.created} webhook was mirrored, or
 * a backfill or reconciliation inserted a user the table did not hold.
 *
 * @param provider the provider's id ({@link UserChange#provider()})
 * @param user the user as created
 */
public record UserCreated(String provider, User user) implements UserChange {
}
