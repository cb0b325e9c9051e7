package dev.capydb.authsync.events;

/**
 * A membership's row changed, committed: a {@code member.role_updated} (Clerk:
 * {@code organizationMembership.updated}, which also reports changed metadata) webhook was mirrored,
 * or a backfill brought the row up to its source. {@link NormalizedMembership#role()} is the role now.
 */
public record MemberUpdated(String provider, NormalizedMembership membership) implements MembershipChange {
}
