package dev.capydb.authsync.events;

/**
 * An organization's row of {@code capydb_auth.organizations} changed, committed: an
 * {@code organization.updated} webhook was mirrored, or a backfill brought the row up to its source.
 */
public record OrganizationUpdated(String provider, NormalizedOrganization organization) implements OrganizationChange {
}
