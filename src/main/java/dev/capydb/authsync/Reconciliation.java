package dev.capydb.authsync;

import java.util.List;
import java.util.Optional;

/**
 * Repairs what the webhooks missed: reads a provider's source as the {@link Backfill} does (Better
 * Auth's own tables, Clerk's Backend API) and writes each object through the webhooks' own path,
 * so a missed sign-up or change is mirrored and a newer webhook always wins; then marks deleted
 * the users, organizations and memberships live in the mirror that the source no longer holds,
 * announcing {@code UserDeleted}, {@code OrganizationDeleted} and {@code MemberRemoved}. A run that
 * would delete more than {@code capydb.auth.reconcile.max-deletion-share} of a table's live rows
 * (10% by default) deletes none and says why in its report: an emptied or wrong source never
 * empties the mirror; {@link #startConfirmingDeletions} goes on.
 *
 * <p>One run per provider at a time across every node that shares the database, by a lock in the
 * database that a node which dies mid-run holds only until its lease ends
 * ({@code capydb.auth.reconcile.lease}). {@code capydb.auth.reconcile.<provider>.every} runs it on a
 * schedule; {@code POST /capydb-auth/reconciliation/<provider>} starts one, as this bean does. Each
 * run is recorded in {@code capydb_auth.reconciliation_runs}. A run compares with its source only
 * the rows its provider wrote (each row records which), so providers that share the mirror do not
 * delete each other's.
 *
 * <p>The library provides the one implementation, an application-scoped bean. Where capydb-auth-sync
 * is switched off, every method throws {@link IllegalStateException}.
 */
public interface Reconciliation {

    /** The job that reconciles the mirror with Better Auth's own tables. */
    String BETTER_AUTH_JOB = "capydb-auth-better-auth-reconciliation";
    /** The job that reconciles the mirror with Clerk's Backend API. */
    String CLERK_JOB = "capydb-auth-clerk-reconciliation";

    /**
     * Starts a reconciliation of {@code provider}, with the safety stop.
     *
     * @param provider {@code better-auth} or {@code clerk}
     * @return the run as it started; {@link #run} tells how it goes on
     * @throws IllegalStateException when a run of the provider holds its lock, no run can start here,
     *     or capydb-auth-sync is switched off
     * @throws IllegalArgumentException when the provider has no source to reconcile with
     * @throws jakarta.batch.operations.JobStartException when the batch runtime does not start its job
     */
    ReconciliationRun start(String provider);

    /**
     * Starts a reconciliation that deletes whatever the source no longer has, however much: after a
     * run stopped by the safety stop, once an operator has checked the source.
     *
     * @param provider {@code better-auth} or {@code clerk}
     * @return the run as it started
     * @throws IllegalStateException when a run of the provider holds its lock, no run can start here,
     *     or capydb-auth-sync is switched off
     * @throws IllegalArgumentException when the provider has no source to reconcile with
     * @throws jakarta.batch.operations.JobStartException when the batch runtime does not start its job
     */
    ReconciliationRun startConfirmingDeletions(String provider);

    /**
     * One run, as its report holds it now.
     *
     * @param id the run's id, {@link ReconciliationRun#id()}
     * @return the run; empty when the report holds none of this id
     * @throws IllegalStateException when the report cannot be read, or capydb-auth-sync is switched off
     */
    Optional<ReconciliationRun> run(String id);

    /**
     * The latest runs of every provider.
     *
     * @param limit how many at the most
     * @return the runs, the latest first
     * @throws IllegalStateException when the report cannot be read, or capydb-auth-sync is switched off
     */
    List<ReconciliationRun> latestRuns(int limit);
}
