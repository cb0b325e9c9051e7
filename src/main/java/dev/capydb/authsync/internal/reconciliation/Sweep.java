package dev.capydb.authsync.internal.reconciliation;

import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.internal.backfill.SourceLookup;
import dev.capydb.authsync.internal.backfill.SourceWalk;
import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.events.EventPublisher;
import dev.capydb.authsync.internal.metrics.ReceiverMetrics;
import dev.capydb.authsync.internal.mirroring.Mirror;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import dev.capydb.authsync.internal.mirroring.MirrorException;
import dev.capydb.authsync.internal.mirroring.MirrorWrite;
import dev.capydb.authsync.internal.mirroring.ProviderFreshness;
import dev.capydb.authsync.internal.mirroring.SeenObjects;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import dev.capydb.authsync.internal.providers.Provider;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The second step of a reconciliation, once the first has read the whole source and repaired the
 * mirror: finds the rows live in the mirror that the source no longer holds, and marks them
 * deleted through the write path, unless the safety stop holds; then completes the run's report
 * and frees the lock.
 *
 * <p>A row written after the run started (less a margin for the provider's clock) is left alone:
 * the reader may have passed its place before a webhook brought it. A run that could not mirror
 * some objects of the source deletes nothing, as those may be among the rows it did not find.
 */
@Named("capydbReconciliationSweep")
@Dependent
public class Sweep extends AbstractBatchlet {

    /** How far the provider's clock may be ahead of this node's without a row written meanwhile being taken as gone. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    static final int PAGE_SIZE = 500;
    private static final Logger LOG = Logger.getLogger(Sweep.class.getName());

    @Inject
    @BatchProperty
    String run;

    @Inject
    @BatchProperty
    String confirmDeletions;

    @Inject
    JobContext job;

    @Inject
    MirrorDatabase database;

    @Inject
    ProviderLock lock;

    @Inject
    RunReports reports;

    @Inject
    SeenObjects seen;

    @Inject
    Mirror mirror;

    @Inject
    EventPublisher events;

    @Inject
    ProviderFreshness freshness;

    @Override
    public String process() throws Exception {
        SourceWalk walk = (SourceWalk) job.getTransientUserData();
        ReconciliationRun started = reports.run(run).orElseThrow(() -> new IllegalStateException("No run " + run));
        Settings settings = database.settings();
        Instant before = started.startedAt().minus(CLOCK_MARGIN);
        // Rows written before the mirror recorded their provider are this one's only where it is alone.
        SeenObjects.Rows rows = new SeenObjects.Rows(started.provider(),
                Provider.configured(settings).stream().allMatch(started.provider()::equals));
        Map<NormalizedEvent.Subject, Long> absent = new EnumMap<>(NormalizedEvent.Subject.class);
        for (NormalizedEvent.Subject subject : walk.subjects()) {
            absent.put(subject, seen.absentRows(run, subject, rows, before));
        }
        long wouldDelete = absent.values().stream().mapToLong(Long::longValue).sum();
        String detail = null;
        boolean safetyStop = false;
        if (wouldDelete > 0 && walk.skipped() > 0) {
            detail = walk.skipped() + " object(s) of the source could not be mirrored and may be among the "
                    + wouldDelete + " row(s) not found: nothing deleted";
        } else if (wouldDelete > 0 && !Boolean.parseBoolean(confirmDeletions)) {
            detail = overShare(absent, rows, settings.maxDeletionShare());
            safetyStop = detail != null;
        }
        long deleted = 0;
        if (wouldDelete > 0 && detail == null) {
            deleted = delete(started, walk.subjects(), rows, before, SourceLookup.of(started.provider(), settings),
                    settings.reconcileLease());
        }
        ReconciliationRun finished = new ReconciliationRun(started.id(), started.provider(), started.node(),
                started.startedBy(), ReconciliationRun.Status.COMPLETED, started.startedAt(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), walk.read(), walk.repaired(), walk.unchanged(),
                walk.skipped(), deleted, wouldDelete, safetyStop, detail);
        lock.release(finished, detail == null);
        if (detail == null) {
            freshness.reconciled(started.provider(), started.startedAt());
        }
        ReceiverMetrics.current().reconciled(started.provider(), walk.repaired(), deleted);
        LOG.info(() -> "capydb-auth-sync reconciled " + started.provider() + ": " + walk.read() + " read, "
                + walk.repaired() + " repaired, " + finished.deleted() + " deleted"
                + (finished.detail() == null ? "" : "; " + finished.detail()));
        return ReconciliationRun.Status.COMPLETED.name();
    }

    /**
     * Why the deletions go beyond the allowed share of some table's live rows, or {@code null} when
     * they do not.
     */
    private String overShare(Map<NormalizedEvent.Subject, Long> absent, SeenObjects.Rows rows, double share)
            throws SQLException {
        List<String> over = new ArrayList<>();
        for (Map.Entry<NormalizedEvent.Subject, Long> table : absent.entrySet()) {
            long live = seen.liveRows(table.getKey(), rows);
            if (table.getValue() > share * live) {
                over.add(table.getValue() + " of " + live + " live " + table.getKey().name().toLowerCase(Locale.ROOT)
                        + " row(s)");
            }
        }
        return over.isEmpty() ? null : "safety stop: the source no longer holds " + String.join(", ", over)
                + ", more than the " + Math.round(share * 100) + "% " + Settings.RECONCILE_MAX_DELETION_SHARE
                + " allows; nothing deleted. Check the source, then start a run confirming deletions";
    }

    /** Marks deleted, page by page, the absent rows the source confirms gone; how many the mirror changed. */
    private long delete(ReconciliationRun started, Iterable<NormalizedEvent.Subject> subjects,
            SeenObjects.Rows rows, Instant before, SourceLookup source, Duration lease) throws Exception {
        long deleted = 0;
        for (NormalizedEvent.Subject subject : subjects) {
            NormalizedEvent after = null;
            while (true) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                List<NormalizedEvent> page = seen.absentPage(run, subject, rows, before, after, PAGE_SIZE,
                        started.startedAt());
                if (page.isEmpty()) {
                    break;
                }
                after = page.get(page.size() - 1);
                List<MirrorWrite> writes = new ArrayList<>();
                for (NormalizedEvent deletion : page) {
                    if (!source.holds(deletion)) {
                        writes.add(new MirrorWrite(started.provider(), "reconciliation:" + run + ":"
                                + subject.name().toLowerCase(Locale.ROOT) + ":" + deletion.subjectId(), now, deletion, now));
                    }
                }
                for (Mirror.Result result : mirror.applyAll(writes,
                        (write, outcome) -> events.changed(started.provider(), write.event(), outcome, write.deletedAt()))) {
                    MirrorException failure = result.failure();
                    if (failure != null) {
                        throw failure;
                    }
                    deleted += result.value().changedTheMirror() ? 1 : 0;
                }
                if (!lock.renew(started.provider(), run, now.plus(lease))) {
                    throw new IllegalStateException("the run lost its lock: its lease ended before it renewed it");
                }
            }
        }
        return deleted;
    }

    /** Records how {@code run} ended; a database that fails now leaves it to the lease and the next run. */
    static void finishQuietly(ProviderLock lock, ReconciliationRun run, boolean reconciled) {
        try {
            lock.release(run, reconciled);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "capydb-auth-sync could not record the end of reconciliation " + run.id(), e);
        }
    }
}
