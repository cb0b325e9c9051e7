package dev.capydb.authsync.events;

/**
 * An organization came to {@code capydb_auth.organizations}, committed: an {@code organization.created}
 * webhook was mirrored, or a backfill inserted an organization the table did not hold.
 */
public record OrganizationCreated(String provider, NormalizedOrganization organization) implements OrganizationChange {
}
