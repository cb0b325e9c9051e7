package dev.capydb.authsync.events;

/**
 * A user became a member of an organization, committed: a {@code member.added} (Clerk:
 * {@code organizationMembership.created}) webhook was mirrored, also for a member who had been
 * removed before, or a backfill inserted a membership the table did not hold.
 */
public record MemberAdded(String provider, NormalizedMembership membership) implements MembershipChange {
}
