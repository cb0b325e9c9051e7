package dev.capydb.authsync.events;

import java.time.Instant;

/**
 * An {@code organization.deleted} webhook set {@code deleted_at} of the organization's row and was
 * committed. The row is kept, and stays deleted: a late create or update never brings it back.
 * {@link #organization()} carries what the deletion webhook sent, from Clerk only the id. Its
 * memberships are not touched: each is removed by its own event.
 */
public record OrganizationDeleted(String provider, NormalizedOrganization organization, Instant deletedAt)
        implements OrganizationChange {
}
