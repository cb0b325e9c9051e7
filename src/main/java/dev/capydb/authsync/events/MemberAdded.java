package dev.capydb.authsync.events;

/**
 * A user became a member of an organization, committed: a {@code member.added} (Clerk:
 * {@code organizationMembership.created}) webhook was mirrored, also for a member who had been
 * removed before, or a backfill or reconciliation inserted a membership the table did not hold.
 *
 * @param provider the provider's id ({@link MembershipChange#provider()})
 * @param membership the membership as added
 */
public record MemberAdded(String provider, Membership membership) implements MembershipChange {
}
