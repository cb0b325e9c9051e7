package dev.capydb.authsync.events;

/**
 * An organization came to {@code capydb_auth.organizations}, committed: an {@code organization.created}
 * webhook was mirrored, or a backfill or reconciliation inserted an organization the table did not hold.
 *
 * @param provider the provider's id ({@link OrganizationChange#provider()})
 * @param organization the organization as created
 */
public record OrganizationCreated(String provider, Organization organization) implements OrganizationChange {
}
