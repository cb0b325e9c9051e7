package dev.capydb.authsync.events;

/**
 * A committed change of {@code capydb_auth.users}: a user created, updated or deleted. Observe this
 * type to see every change, or one of its three kinds. Fired only after the transaction that wrote
 * the row committed, so an observer reading the table sees the change.
 */
public sealed interface UserChange permits UserCreated, UserUpdated, UserDeleted {

    /**
     * The provider whose webhook, backfill or reconciliation made the change.
     *
     * @return its id, as in the receiver's URL and the configuration keys: {@code better-auth},
     *     {@code banata}, {@code standard-webhooks}, {@code clerk} or {@code auth0}
     */
    String provider();

    /**
     * The user as the change described it.
     *
     * @return the user; for a deletion often only its id and {@link User#raw()}
     */
    User user();
}
