package dev.capydb.authsync.internal.reconciliation;

import dev.capydb.authsync.Reconciliation;
import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import dev.capydb.authsync.internal.mirroring.MirrorException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The {@link Reconciliation} of this application: takes the provider's lock in the mirror's
 * database, records the run, and starts its job on the server's batch runtime.
 */
@ApplicationScoped
public class ReconciliationJobs implements Reconciliation {

    /** Each provider with a source to reconcile with, and its job. */
    static final Map<String, String> JOBS = Map.of("better-auth", BETTER_AUTH_JOB, "clerk", CLERK_JOB);
    static final String STARTED_BY_CALL = "call";
    static final String STARTED_BY_SCHEDULE = "schedule";

    @Inject
    MirrorDatabase database;

    @Inject
    ProviderLock lock;

    @Inject
    RunReports reports;

    @Override
    public ReconciliationRun start(String provider) {
        return start(provider, null, false).orElseThrow();
    }

    @Override
    public ReconciliationRun startConfirmingDeletions(String provider) {
        return start(provider, null, true).orElseThrow();
    }

    /**
     * Starts a run of {@code provider} if its lock is free.
     *
     * @param dueBefore for a scheduled run, the latest start of the last run that leaves this one due;
     *     {@code null} for a run asked for, which a held lock refuses with an exception
     * @return the run; empty when a scheduled run is not due or another node runs it
     */
    Optional<ReconciliationRun> start(String provider, Instant dueBefore, boolean confirmDeletions) {
        String job = JOBS.get(provider);
        if (job == null) {
            throw new IllegalArgumentException("No source to reconcile " + provider + " with; there is one for "
                    + String.join(" and ", JOBS.keySet().stream().sorted().toList()));
        }
        Settings settings = settings();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ReconciliationRun run = new ReconciliationRun(UUID.randomUUID().toString(), provider, ProviderLock.NODE,
                dueBefore == null ? STARTED_BY_CALL : STARTED_BY_SCHEDULE, ReconciliationRun.Status.RUNNING, now, null,
                0, 0, 0, 0, 0, 0, false, null);
        try {
            Optional<ProviderLock.Refusal> refusal = lock.acquire(run, now.plus(settings.reconcileLease()),
                    dueBefore);
            if (refusal.isPresent()) {
                if (dueBefore != null) {
                    return Optional.empty();
                }
                throw new IllegalStateException("Not started: " + refusal.get().reason());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The reconciliation's lock could not be taken: " + MirrorException.reason(e), e);
        }
        Properties parameters = new Properties();
        parameters.setProperty("run", run.id());
        parameters.setProperty("confirmDeletions", Boolean.toString(confirmDeletions));
        try {
            BatchRuntime.getJobOperator().start(job, parameters);
        } catch (RuntimeException e) {
            Sweep.finishQuietly(lock, failed(run, "the batch runtime did not start the job: " + e), false);
            throw e;
        }
        return Optional.of(run);
    }

    static ReconciliationRun failed(ReconciliationRun run, String why) {
        return new ReconciliationRun(run.id(), run.provider(), run.node(), run.startedBy(),
                ReconciliationRun.Status.FAILED, run.startedAt(), Instant.now(), run.read(), run.repaired(),
                run.unchanged(), run.skipped(), run.deleted(), run.wouldDelete(), false, why);
    }

    @Override
    public Optional<ReconciliationRun> run(String id) {
        return report(() -> reports.run(id));
    }

    @Override
    public List<ReconciliationRun> latestRuns(int limit) {
        return report(() -> reports.latest(limit));
    }

    private interface Read<T> {
        T from() throws SQLException;
    }

    private <T> T report(Read<T> read) {
        settings();
        try {
            return read.from();
        } catch (SQLException e) {
            throw new IllegalStateException("The report could not be read: " + MirrorException.reason(e), e);
        }
    }

    private Settings settings() {
        if (!database.started()) {
            throw new IllegalStateException("capydb-auth-sync is switched off in this application (or has not"
                    + " started yet): there is no mirror to reconcile");
        }
        return database.settings();
    }
}
