package dev.capydb.authsync.events;

/** A {@code user.created} webhook was mirrored into {@code capydb_auth.users} and committed. */
public record UserCreated(String provider, NormalizedUser user) implements UserChange {
}
