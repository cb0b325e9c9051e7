package dev.capydb.authsync.events;

/**
 * A change to {@code capydb_auth.memberships} that has been committed: a member added, updated or
 * removed. Observe this type to see every change, or one of its three kinds. Fired only after the
 * transaction that wrote the row commits, so an observer reading the table sees the change.
 */
public sealed interface MembershipChange permits MemberAdded, MemberUpdated, MemberRemoved {

    /** Id of the provider that sent the webhook, as in the URL and the config keys ({@code banata}, …). */
    String provider();

    /** The membership as the webhook described it. */
    NormalizedMembership membership();
}
