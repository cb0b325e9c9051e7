package dev.capydb.authsync.events;

/**
 * A change to {@code capydb_auth.users} that has been committed. Observe this type to see every
 * change, or one of its three kinds. Fired only after the transaction that wrote the row commits,
 * so an observer reading the table sees the change.
 */
public sealed interface UserChange permits UserCreated, UserUpdated, UserDeleted {

    /** Id of the provider that sent the webhook, as in the URL and the config keys ({@code better-auth}, …). */
    String provider();

    /** The user as the webhook described it. */
    NormalizedUser user();
}
