package dev.capydb.authsync.events;

/**
 * A membership's row changed, committed: a {@code member.role_updated} (Clerk:
 * {@code organizationMembership.updated}, which also reports changed metadata) webhook was mirrored,
 * or a backfill or reconciliation brought the row up to its source.
 *
 * @param provider the provider's id ({@link MembershipChange#provider()})
 * @param membership the membership as it is now; {@link Membership#role()} is the role now
 */
public record MemberUpdated(String provider, Membership membership) implements MembershipChange {
}
