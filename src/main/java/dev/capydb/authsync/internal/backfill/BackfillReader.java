package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;

/**
 * What every backfill's reader does besides reading: it starts the counts, or takes them up from
 * the checkpoint on a restart, and shows them on the {@link RunningBackfills} while the job runs.
 */
abstract class BackfillReader extends AbstractItemReader {

    /** The number of objects (users, organizations, memberships) in the source. */
    @FunctionalInterface
    interface Total {
        long count() throws Exception;
    }

    @Inject
    StepContext step;

    @Inject
    JobContext job;

    @Inject
    RunningBackfills running;

    /** The counts kept with the checkpoint, or new ones with {@code total} asked of the source. */
    void resumeCounts(Total total) throws Exception {
        if (step.getPersistentUserData() == null) {
            BackfillCounts counts = new BackfillCounts();
            counts.total = total.count();
            step.setPersistentUserData(counts);
        }
        running.update(job.getExecutionId(), (BackfillCounts) step.getPersistentUserData());
    }

    /**
     * Tells a reconciliation whether the source holds {@code subject}'s objects at all; a backfill
     * does not ask.
     */
    void holds(NormalizedEvent.Subject subject, boolean held) {
        if (job.getTransientUserData() instanceof SourceWalk walk) {
            walk.holds(subject, held);
        }
    }

    @Override
    public void close() {
        running.remove(job.getExecutionId());
    }
}
