package dev.capydb.authsync.events;

/**
 * A user came to {@code capydb_auth.users}, committed: a {@code user.created} webhook was mirrored, or
 * a backfill inserted a user the table did not hold.
 */
public record UserCreated(String provider, NormalizedUser user) implements UserChange {
}
