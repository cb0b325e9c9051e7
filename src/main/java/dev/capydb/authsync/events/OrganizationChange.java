package dev.capydb.authsync.events;

/**
 * A change to {@code capydb_auth.organizations} that has been committed. Observe this type to see
 * every change, or one of its three kinds. Fired only after the transaction that wrote the row
 * commits, so an observer reading the table sees the change.
 */
public sealed interface OrganizationChange permits OrganizationCreated, OrganizationUpdated, OrganizationDeleted {

    /** Id of the provider that sent the webhook, as in the URL and the config keys ({@code clerk}, …). */
    String provider();

    /** The organization as the webhook described it. */
    NormalizedOrganization organization();
}
