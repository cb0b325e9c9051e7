package dev.capydb.authsync.internal.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.ReconciliationRun.Status;
import dev.capydb.authsync.events.User;
import dev.capydb.authsync.internal.mirroring.FreshnessStore;
import dev.capydb.authsync.internal.mirroring.H2Mirror;
import dev.capydb.authsync.internal.mirroring.SeenObjects;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider's reconciliation lock and the reports of its runs, on H2: one run at a time, a lease that
 * a dead node's run loses to the next one, which records it abandoned, and a report for every run.
 */
class ProviderLockTest {

    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final H2Mirror h2 = new H2Mirror();
    private final RunReports reports = new RunReports();
    private final SeenObjects seen = h2.seenObjects();
    private final ProviderLock lock = new ProviderLock();

    /** The beans as the container would inject them. */
    ProviderLockTest() {
        reports.database = h2.database();
        lock.database = h2.database();
        lock.reports = reports;
        lock.seen = seen;
    }

    @AfterEach
    void drop() throws SQLException {
        h2.close();
    }

    @Test
    void oneRunHoldsTheLockUntilItIsReleased() throws SQLException {
        ReconciliationRun first = run("run-1", START);
        assertEquals(Optional.empty(), lock.acquire(first, START.plus(LEASE), null));
        assertEquals(Optional.of(first), reports.run("run-1"), "recorded as it started");

        Optional<ProviderLock.Refusal> refusal = lock.acquire(run("run-2", START.plusSeconds(1)), START.plus(LEASE), null);
        assertTrue(refusal.orElseThrow().reason().contains("run-1"), refusal.toString());
        assertEquals(Optional.empty(), reports.run("run-2"));

        assertTrue(lock.renew("clerk", "run-1", START.plus(LEASE).plus(LEASE)));
        assertFalse(lock.renew("clerk", "run-2", START.plus(LEASE)), "only the holder renews");

        ReconciliationRun completed = new ReconciliationRun("run-1", "clerk", "node-a", "call", Status.COMPLETED, START,
                START.plusSeconds(30), 10, 2, 8, 0, 1, 1, false, null);
        lock.release(completed, true);
        assertEquals(Optional.of(completed), reports.run("run-1"));
        Map<String, FreshnessStore.Freshness> freshness = h2.freshnessStore().read();
        assertEquals(START, freshness.get("clerk").lastReconciled(), "the provider's last reconciliation");
        assertEquals(Optional.empty(), lock.acquire(run("run-3", START.plusSeconds(60)), START.plus(LEASE), null),
                "free again");
    }

    @Test
    void aRunWhoseLeaseEndedIsTakenOverAndRecordedAbandoned() throws SQLException {
        lock.acquire(run("run-1", START), START.plus(LEASE), null);
        seen.seen("run-1", List.of(NormalizedEvent.of("user.created", NormalizedEvent.Kind.CREATED,
                new User("usr_1", null, null, null, null, null, null, null, null, "{}"), null, null)));

        Instant later = START.plus(LEASE).plusSeconds(1);
        assertEquals(Optional.empty(), lock.acquire(run("run-2", later), later.plus(LEASE), null));
        ReconciliationRun abandoned = reports.run("run-1").orElseThrow();
        assertEquals(Status.ABANDONED, abandoned.status());
        assertEquals(later, abandoned.finishedAt());
        assertTrue(abandoned.detail().contains("node-a"), abandoned.detail());
        assertEquals(0, h2.query("SELECT * FROM capydb_auth.reconciliation_seen WHERE run_id = 'run-1'").size(),
                "what it saw is forgotten");
        assertFalse(lock.renew("clerk", "run-1", later.plus(LEASE)), "the dead run lost its lock");

        // The dead run's node wakes up and ends it: its report stays abandoned, the lock stays taken.
        lock.release(new ReconciliationRun("run-1", "clerk", "node-a", "call", Status.COMPLETED, START, later,
                0, 0, 0, 0, 0, 0, false, null), true);
        assertEquals(Status.ABANDONED, reports.run("run-1").orElseThrow().status());
        assertTrue(lock.renew("clerk", "run-2", later.plus(LEASE)));
        assertNull(h2.freshnessStore().read().get("clerk").lastReconciled());
    }

    @Test
    void aScheduledRunIsNotDueWhileTheLastOneIsRecent() throws SQLException {
        ReconciliationRun last = run("run-1", START);
        lock.acquire(last, START.plus(LEASE), null);
        lock.release(new ReconciliationRun("run-1", "clerk", "node-a", "schedule", Status.FAILED, START,
                START.plusSeconds(5), 0, 0, 0, 0, 0, 0, false, "the source failed"), false);

        Instant tick = START.plus(Duration.ofHours(1));
        Optional<ProviderLock.Refusal> early = lock.acquire(run("run-2", tick), tick.plus(LEASE),
                START.minusSeconds(1));
        assertTrue(early.orElseThrow().reason().contains("started at"), early.toString());
        assertEquals(Optional.empty(), lock.acquire(run("run-3", tick), tick.plus(LEASE), START.plusSeconds(1)));
    }

    @Test
    void theReportListsTheLatestRunsFirst() throws SQLException {
        for (int i = 1; i <= 3; i++) {
            ReconciliationRun run = run("run-" + i, START.plus(Duration.ofHours(i)));
            lock.acquire(run, run.startedAt().plus(LEASE), null);
            lock.release(new ReconciliationRun(run.id(), "clerk", "node-a", "call", Status.COMPLETED, run.startedAt(),
                    run.startedAt().plusSeconds(1), i, 0, i, 0, 0, 0, false, null), true);
        }
        assertEquals(List.of("run-3", "run-2"), reports.latest(2).stream().map(ReconciliationRun::id).toList());
        assertEquals(3, reports.latest(20).size());
    }

    private static ReconciliationRun run(String id, Instant startedAt) {
        return new ReconciliationRun(id, "clerk", "node-a", "call", Status.RUNNING, startedAt, null,
                0, 0, 0, 0, 0, 0, false, null);
    }
}
