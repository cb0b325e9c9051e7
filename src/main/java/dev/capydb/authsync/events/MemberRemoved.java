package dev.capydb.authsync.events;

import java.time.Instant;

/**
 * A member was removed from an organization, committed: a {@code member.removed} (Clerk:
 * {@code organizationMembership.deleted}) webhook set {@code deleted_at} of the membership's row, or a
 * reconciliation found the membership gone from its source. The row is kept; unlike a user, the member
 * can come back: a newer {@code member.added} clears {@code deleted_at} again.
 *
 * @param provider the provider's id ({@link MembershipChange#provider()})
 * @param membership what the removal carried
 * @param deletedAt the row's {@code deleted_at}, as {@link UserDeleted#deletedAt()}
 */
public record MemberRemoved(String provider, Membership membership, Instant deletedAt)
        implements MembershipChange {
}
