package dev.capydb.authsync.internal.reconciliation;

import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.internal.mirroring.FreshnessStore;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import dev.capydb.authsync.internal.mirroring.SeenObjects;
import dev.capydb.authsync.internal.mirroring.SqlDialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Each provider's reconciliation lock, in its row of {@code capydb_auth.providers}: one run per
 * provider at a time across every node that shares the database. The lock holds a lease that the run
 * renews while it works, so that a node that dies mid-run holds it only until the lease ends; the next
 * run then takes it over and records the dead one abandoned. A run's report ({@link RunReports}) and
 * what it saw ({@link SeenObjects}) begin and end with its hold of the lock. Every statement commits
 * on its own, outside any transaction of the caller.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ProviderLock {

    /** This node: the process id and host name, so two servers on one host are told apart. */
    public static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    MirrorDatabase database;

    @Inject
    RunReports reports;

    @Inject
    SeenObjects seen;

    /** Why a run could not take a provider's lock: another run holds it, or (for a schedule) the last one is too recent. */
    public record Refusal(String reason) {
    }

    /**
     * Takes the lock of {@code run}'s provider for it until {@code leaseUntil}, and records the run as
     * running. The lock is free when no run holds it, or when the run that holds it let its lease end:
     * that run is then recorded abandoned.
     *
     * @param dueBefore for a scheduled run, the latest start of the last run that leaves this one due;
     *     {@code null} for a run asked for
     * @return empty when the lock was taken, else why not
     */
    public Optional<Refusal> acquire(ReconciliationRun run, Instant leaseUntil, Instant dueBefore) throws SQLException {
        SqlDialect dialect = database.dialect();
        String provider = run.provider();
        Instant now = run.startedAt();
        String holder;
        String holderNode;
        try (Connection connection = database.dataSource().getConnection()) {
            FreshnessStore.ensureProvider(connection, dialect, provider);
            Instant holderLease;
            Instant lastStarted;
            try (PreparedStatement select = connection.prepareStatement("SELECT run_id, run_node, lease_until,"
                    + " last_run_started_at FROM capydb_auth.providers WHERE provider = ?")) {
                select.setString(1, provider);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    holder = row.getString("run_id");
                    holderNode = row.getString("run_node");
                    holderLease = dialect.getInstant(row, "lease_until");
                    lastStarted = dialect.getInstant(row, "last_run_started_at");
                }
            }
            if (holder != null && !holderLease.isBefore(now)) {
                return Optional.of(new Refusal("a reconciliation of " + provider + " runs on " + holderNode
                        + " (run " + holder + ")"));
            }
            if (dueBefore != null && lastStarted != null && lastStarted.isAfter(dueBefore)) {
                return Optional.of(new Refusal("the last reconciliation of " + provider + " started at " + lastStarted));
            }
            // Taken only if nobody took it since it was read: the row is as it was then.
            try (PreparedStatement take = connection.prepareStatement("UPDATE capydb_auth.providers SET run_id = ?,"
                    + " run_node = ?, lease_until = ?, last_run_started_at = ? WHERE provider = ? AND "
                    + (holder == null ? "run_id IS NULL" : "run_id = ? AND lease_until < ?")
                    + (lastStarted == null ? " AND last_run_started_at IS NULL" : " AND last_run_started_at = ?"))) {
                take.setString(1, run.id());
                take.setString(2, run.node());
                dialect.setInstant(take, 3, leaseUntil);
                dialect.setInstant(take, 4, now);
                take.setString(5, provider);
                int next = 6;
                if (holder != null) {
                    take.setString(next++, holder);
                    dialect.setInstant(take, next++, now);
                }
                if (lastStarted != null) {
                    dialect.setInstant(take, next, lastStarted);
                }
                if (take.executeUpdate() == 0) {
                    return Optional.of(new Refusal("another node took the lock of " + provider + " at the same moment"));
                }
            }
        }
        if (holder != null) {
            reports.abandon(holder, holderNode, now);
            seen.forget(holder);
        }
        reports.record(run);
        return Optional.empty();
    }

    /**
     * Extends the lease of {@code runId} on {@code provider}'s lock.
     *
     * @return false when the run no longer holds it: its lease ended and another run took it over
     */
    public boolean renew(String provider, String runId, Instant leaseUntil) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE capydb_auth.providers SET lease_until = ? WHERE provider = ? AND run_id = ?")) {
            database.dialect().setInstant(update, 1, leaseUntil);
            update.setString(2, provider);
            update.setString(3, runId);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Ends {@code run}: records how it ended unless it was recorded abandoned meanwhile, forgets what it
     * saw, and frees its provider's lock if it still holds it; a run that {@code reconciled} the whole
     * mirror becomes the provider's last reconciliation.
     */
    public void release(ReconciliationRun run, boolean reconciled) throws SQLException {
        reports.finish(run);
        seen.forget(run.id());
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement release = connection.prepareStatement("UPDATE capydb_auth.providers SET run_id = NULL,"
                        + " run_node = NULL, lease_until = NULL" + (reconciled ? ", last_reconciled_at = ?" : "")
                        + " WHERE provider = ? AND run_id = ?")) {
            int next = 1;
            if (reconciled) {
                database.dialect().setInstant(release, next++, run.startedAt());
            }
            release.setString(next++, run.provider());
            release.setString(next, run.id());
            release.executeUpdate();
        }
    }
}
