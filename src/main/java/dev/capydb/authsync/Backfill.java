package dev.capydb.authsync;

/**
 * Mirrors the users who signed up before the receiver was installed, and their organizations and
 * memberships: a Jakarta Batch job of the server that reads them from their provider and writes each
 * through the webhooks' own path, so a backfill racing with live webhooks never overwrites a newer
 * change nor brings back a deleted user or organization, and a second run changes nothing. The job is chunked and restartable: stopped or crashed,
 * {@link #restart} goes on from its last checkpoint. Inject it to start one from the application;
 * {@code POST /capydb-auth/backfill/better-auth} (or {@code /clerk}) does the same for operators.
 * Where capydb-auth-sync is switched off, every method throws {@link IllegalStateException}.
 *
 * <p>The library provides the one implementation, an application-scoped bean.
 */
public interface Backfill {

    /** The job that reads Better Auth's own {@code user} table, and the organization plugin's {@code organization} and {@code member}. */
    String BETTER_AUTH_JOB = "capydb-auth-better-auth-backfill";
    /** The job that reads Clerk's users, organizations and memberships through its Backend API. */
    String CLERK_JOB = "capydb-auth-clerk-backfill";

    /**
     * Starts the backfill of Better Auth's users from its {@code user} table, then of its
     * organizations and members from the organization plugin's tables where they exist (see the
     * {@code capydb.auth.backfill.better-auth.*} settings for their names).
     *
     * @return the job execution's id, for {@link #progress}, {@link #stop} and {@link #restart}
     * @throws jakarta.batch.operations.JobStartException when the batch runtime cannot start the job
     * @throws IllegalStateException where capydb-auth-sync is switched off
     */
    long startBetterAuth();

    /**
     * Starts the backfill of Clerk's users, organizations and memberships through its Backend API
     * ({@code GET /v1/users}, {@code /v1/organizations}, {@code /v1/organizations/{id}/memberships}),
     * with the secret key in {@code capydb.auth.backfill.clerk.secret-key}.
     *
     * @return the job execution's id, for {@link #progress}, {@link #stop} and {@link #restart}
     * @throws jakarta.batch.operations.JobStartException when the batch runtime cannot start the job
     * @throws IllegalStateException where capydb-auth-sync is switched off
     */
    long startClerk();

    /**
     * Stops a running backfill at the end of its current chunk; {@link #restart} goes on from there.
     *
     * @param executionId the id {@link #startBetterAuth}, {@link #startClerk} or {@link #restart} returned
     * @throws jakarta.batch.operations.NoSuchJobExecutionException when no backfill has this id
     * @throws jakarta.batch.operations.JobExecutionNotRunningException when it is not running
     * @throws IllegalStateException where capydb-auth-sync is switched off
     */
    void stop(long executionId);

    /**
     * Goes on with a stopped or failed backfill from its last checkpoint, as a new execution.
     *
     * @param executionId the execution that stopped or failed
     * @return the new execution's id
     * @throws jakarta.batch.operations.NoSuchJobExecutionException when no backfill has this id
     * @throws jakarta.batch.operations.BatchRuntimeException when it cannot go on: it completed, it runs, or a
     *     later execution restarted it (the batch runtime's subtype says which)
     * @throws IllegalStateException where capydb-auth-sync is switched off
     */
    long restart(long executionId);

    /**
     * Where a backfill stands: its status, and its counts after its last chunk.
     *
     * @param executionId the execution
     * @return its progress
     * @throws jakarta.batch.operations.NoSuchJobExecutionException when no backfill has this id
     * @throws IllegalStateException where capydb-auth-sync is switched off
     */
    BackfillProgress progress(long executionId);
}
