package dev.capydb.authsync.events;

import java.time.Instant;

/**
 * A {@code member.removed} (Clerk: {@code organizationMembership.deleted}) webhook set
 * {@code deleted_at} of the membership's row and was committed. The row is kept; unlike a user, the
 * member can come back: a newer {@code member.added} clears {@code deleted_at} again.
 */
public record MemberRemoved(String provider, NormalizedMembership membership, Instant removedAt)
        implements MembershipChange {
}
