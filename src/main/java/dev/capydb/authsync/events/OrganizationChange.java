package dev.capydb.authsync.events;

/**
 * A committed change of {@code capydb_auth.organizations}: an organization created, updated or
 * deleted. Observe this type to see every change, or one of its three kinds. Fired only after the
 * transaction that wrote the row committed, so an observer reading the table sees the change.
 */
public sealed interface OrganizationChange permits OrganizationCreated, OrganizationUpdated, OrganizationDeleted {

    /**
     * The provider whose webhook, backfill or reconciliation made the change.
     *
     * @return its id, as in the receiver's URL and the configuration keys ({@code clerk}, …)
     */
    String provider();

    /**
     * The organization as the change described it.
     *
     * @return the organization; for a deletion often only its id and {@link Organization#raw()}
     */
    Organization organization();
}
