package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.Backfill;
import dev.capydb.authsync.BackfillProgress;
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
 * The {@link Backfill} of this application: the server's batch runtime, once the mirror is there to
 * write into.
 */
@ApplicationScoped
public class BackfillJobs implements Backfill {

    @Inject
    RunningBackfills running;

    @Inject
    MirrorDatabase database;

    @Override
    public long startBetterAuth() {
        return operator().start(BETTER_AUTH_JOB, new Properties());
    }

    @Override
    public long startClerk() {
        return operator().start(CLERK_JOB, new Properties());
    }

    @Override
    public void stop(long executionId) {
        operator().stop(executionId);
    }

    @Override
    public long restart(long executionId) {
        return operator().restart(executionId, new Properties());
    }

    @Override
    public BackfillProgress progress(long executionId) {
        JobOperator operator = operator();
        JobExecution execution = operator.getJobExecution(executionId);
        BackfillCounts counts = running.counts(executionId).orElseGet(() -> {
            List<StepExecution> steps = operator.getStepExecutions(executionId);
            return steps.isEmpty() ? null : (BackfillCounts) steps.get(steps.size() - 1).getPersistentUserData();
        });
        // Nothing is counted before the step's first checkpoint.
        return (counts == null ? new BackfillCounts() : counts)
                .progress(executionId, execution.getJobName(), execution.getBatchStatus().name());
    }

    private JobOperator operator() {
        if (!database.started()) {
            throw new IllegalStateException("capydb-auth-sync is switched off in this application (or has not"
                    + " started yet): there is no mirror to backfill");
        }
        return BatchRuntime.getJobOperator();
    }
}
