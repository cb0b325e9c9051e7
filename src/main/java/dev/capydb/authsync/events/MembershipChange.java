package dev.capydb.authsync.events;

/**
 * A committed change of {@code capydb_auth.memberships}: a member added, updated or removed. Observe
 * this type to see every change, or one of its three kinds. Fired only after the transaction that
 * wrote the row committed, so an observer reading the table sees the change.
 */
public sealed interface MembershipChange permits MemberAdded, MemberUpdated, MemberRemoved {

    /**
     * The provider whose webhook, backfill or reconciliation made the change.
     *
     * @return its id, as in the receiver's URL and the configuration keys ({@code banata}, …)
     */
    String provider();

    /**
     * The membership as the change described it.
     *
     * @return the membership
     */
    Membership membership();
}
