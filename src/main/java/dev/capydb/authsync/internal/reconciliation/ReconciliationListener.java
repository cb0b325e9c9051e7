package dev.capydb.authsync.internal.reconciliation;

import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.internal.backfill.SourceWalk;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.SQLException;

/**
 * Frames a reconciliation's job: hands its steps the {@link SourceWalk} they share, and when the
 * job ends without the {@link Sweep} having completed the run (the source or the database failed,
 * the job was stopped, the lock was lost), records the run failed and frees the lock.
 */
@Named("capydbReconciliationListener")
@Dependent
public class ReconciliationListener extends AbstractJobListener {

    @Inject
    @BatchProperty
    String run;

    @Inject
    JobContext job;

    @Inject
    ProviderLock lock;

    @Inject
    RunReports reports;

    @Override
    public void beforeJob() {
        job.setTransientUserData(new SourceWalk(run));
    }

    @Override
    public void afterJob() throws SQLException {
        ReconciliationRun recorded = reports.run(run).orElse(null);
        if (recorded != null && recorded.status() == ReconciliationRun.Status.RUNNING) {
            SourceWalk walk = (SourceWalk) job.getTransientUserData();
            String exit = job.getExitStatus() == null ? job.getBatchStatus().name() : job.getExitStatus();
            ReconciliationRun counted = new ReconciliationRun(recorded.id(), recorded.provider(), recorded.node(),
                    recorded.startedBy(), recorded.status(), recorded.startedAt(), null, walk.read(), walk.repaired(),
                    walk.unchanged(), walk.skipped(), 0, 0, false, null);
            Sweep.finishQuietly(lock, ReconciliationJobs.failed(counted, "the job ended " + exit
                    + " before the run completed; see the server's log"), false);
        }
    }
}
