package dev.capydb.authsync.events;

/**
 * An organization's row of {@code capydb_auth.organizations} changed, committed: an
 * {@code organization.updated} webhook was mirrored, or a backfill or reconciliation brought the row
 * up to its source.
 *
 * @param provider the provider's id ({@link OrganizationChange#provider()})
 * @param organization the organization as it is now
 */
public record OrganizationUpdated(String provider, Organization organization) implements OrganizationChange {
}
