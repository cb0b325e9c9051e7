package dev.capydb.authsync.events;

/** A {@code user.updated} webhook was mirrored into {@code capydb_auth.users} and committed. */
public record UserUpdated(String provider, NormalizedUser user) implements UserChange {
}
