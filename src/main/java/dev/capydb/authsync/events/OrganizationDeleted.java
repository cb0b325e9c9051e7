package dev.capydb.authsync.events;

import java.time.Instant;

/**
 * An organization was marked deleted in {@code capydb_auth.organizations}, committed: an
 * {@code organization.deleted} webhook was mirrored, or a reconciliation found it gone from its
 * source. The row is kept, and stays deleted: a late create or update never brings it back. Its
 * memberships are not touched: each is removed by its own event.
 *
 * @param provider the provider's id ({@link OrganizationChange#provider()})
 * @param organization what the deletion carried, from Clerk only the id
 * @param deletedAt the row's {@code deleted_at}: the time the provider gave the deletion, else when
 *     it was received (a reconciliation: when it ran)
 */
public record OrganizationDeleted(String provider, Organization organization, Instant deletedAt)
        implements OrganizationChange {
}
