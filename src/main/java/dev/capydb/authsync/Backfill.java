package dev.capydb.authsync;

import dev.capydb.authsync.internal.backfill.BackfillBoard;
import dev.capydb.authsync.internal.backfill.BackfillCounts;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Properties;

/**
 * Mirrors the users who signed up before the receiver was installed: a Jakarta Batch job of the
 * server that reads them from their provider and writes each through the webhooks' own path, so a
 * backfill racing with live webhooks never overwrites a newer change nor brings back a deleted
 * user, and a second run changes nothing. The job is chunked and restartable: stopped or crashed,
 * {@link #restart} goes on from its last checkpoint. Inject it to start one from the application;
 * {@code POST /capydb-auth/backfill/better-auth} (or {@code /clerk}) does the same for operators.
 * Where capydb-auth-sync is switched off, every method throws {@link IllegalStateException}.
 */
@ApplicationScoped
public class Backfill {

    /** The job that reads Better Auth's own {@code user} table. */
    public static final String BETTER_AUTH_JOB = "capydb-auth-better-auth-backfill";
    /** The job that reads Clerk's users through its Backend API. */
    public static final String CLERK_JOB = "capydb-auth-clerk-backfill";

    @Inject
    BackfillBoard board;

    @Inject
    MirrorDatabase database;

    /**
     * Starts the backfill of Better Auth's users from its {@code user} table (see the
     * {@code capydb.auth.backfill.better-auth.*} settings for its names).
     *
     * @return the job execution's id, for {@link #progress}, {@link #stop} and {@link #restart}
     */
    public long startBetterAuth() {
        return operator().start(BETTER_AUTH_JOB, new Properties());
    }

    /**
     * Starts the backfill of Clerk's users through its Backend API ({@code GET /v1/users}), with the
     * secret key in {@code capydb.auth.backfill.clerk.secret-key}.
     *
     * @return the job execution's id
     */
    public long startClerk() {
        return operator().start(CLERK_JOB, new Properties());
    }

    /** Stops a running backfill at the end of its current chunk. */
    public void stop(long executionId) {
        operator().stop(executionId);
    }

    /** Goes on with a stopped or failed backfill from its last checkpoint; returns the new execution's id. */
    public long restart(long executionId) {
        return operator().restart(executionId, new Properties());
    }

    /** Where a backfill stands: its status, and its counts after its last chunk. */
    public BackfillProgress progress(long executionId) {
        JobOperator operator = operator();
        JobExecution execution = operator.getJobExecution(executionId);
        BackfillCounts counts = board.counts(executionId).orElseGet(() -> {
            List<StepExecution> steps = operator.getStepExecutions(executionId);
            return steps.isEmpty() ? null : (BackfillCounts) steps.get(steps.size() - 1).getPersistentUserData();
        });
        return BackfillProgress.of(executionId, execution.getJobName(), execution.getBatchStatus().name(),
                counts == null ? new BackfillCounts() : counts);
    }

    /** The batch runtime, once the mirror is there to write into. */
    private JobOperator operator() {
        if (!database.started()) {
            throw new IllegalStateException("capydb-auth-sync is switched off in this application (or has not"
                    + " started yet): there is no mirror to backfill");
        }
        return BatchRuntime.getJobOperator();
    }
}
