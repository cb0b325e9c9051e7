package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What reconciliations keep in the mirror's database beside the mirror: each provider's lock, a
 * lease that a run renews while it works, so that a node that dies mid-run holds it only until the
 * lease ends; the report of every run ({@code capydb_auth.reconciliation_runs}); the objects a
 * running reconciliation found in its source; and when each provider last delivered and was last
 * reconciled, for every node to read.
 *
 * <p>Every statement commits on its own, outside any transaction of the caller: a batch chunk's
 * transaction may hold the batch runtime's own datasource (Payara), which a second non-XA one cannot join.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ReconciliationLedger {

    /** This node: the process id and host name, so two servers on one host are told apart. */
    public static final String NODE = ManagementFactory.getRuntimeMXBean().getName();
    private static final String RUN_COLUMNS = "id, provider, node, started_by, status, started_at, finished_at,"
            + " objects_read, repaired, unchanged, skipped, deleted, would_delete, safety_stop, detail";

    @Inject
    MirrorDatabase database;

    /** Why a run could not take a provider's lock: another run holds it, or (for a schedule) the last one is too recent. */
    public record Refusal(String reason) {
    }

    /**
     * Takes the lock of {@code run}'s provider for it until {@code leaseUntil}, and records the run
     * as running. The lock is free when no run holds it, or when the run that holds it let its
     * lease end: that run is then recorded abandoned.
     *
     * @param dueBefore for a scheduled run, the latest start of the last run that leaves this one due;
     *     {@code null} for a run asked for
     * @return empty when the lock was taken, else why not
     */
    public Optional<Refusal> acquire(ReconciliationRun run, Instant leaseUntil, Instant dueBefore) throws SQLException {
        SqlDialect dialect = database.dialect();
        String provider = run.provider();
        Instant now = run.startedAt();
        try (Connection connection = database.dataSource().getConnection()) {
            ensureProvider(connection, provider);
            String holder;
            String holderNode;
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
            if (holder != null) {
                abandon(connection, holder, holderNode, now);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO capydb_auth.reconciliation_runs ("
                    + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindRun(insert, run);
                insert.executeUpdate();
            }
            return Optional.empty();
        }
    }

    private void abandon(Connection connection, String run, String node, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE capydb_auth.reconciliation_runs"
                + " SET status = ?, finished_at = ?, detail = ? WHERE id = ? AND status = ?")) {
            update.setString(1, ReconciliationRun.Status.ABANDONED.wireName());
            database.dialect().setInstant(update, 2, now);
            update.setString(3, "its node, " + node + ", stopped renewing the lock before the run ended");
            update.setString(4, run);
            update.setString(5, ReconciliationRun.Status.RUNNING.wireName());
            update.executeUpdate();
        }
        forgetSeen(connection, run);
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
     * Records how {@code run} ended unless it was recorded abandoned meanwhile, forgets what it saw, and frees its provider's lock if it still
     * holds it; a run that {@code reconciled} the whole mirror becomes the provider's last reconciliation.
     */
    public void finish(ReconciliationRun run, boolean reconciled) throws SQLException {
        SqlDialect dialect = database.dialect();
        try (Connection connection = database.dataSource().getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE capydb_auth.reconciliation_runs SET"
                    + " status = ?, finished_at = ?, objects_read = ?, repaired = ?, unchanged = ?, skipped = ?,"
                    + " deleted = ?, would_delete = ?, safety_stop = ?, detail = ? WHERE id = ? AND status = ?")) {
                update.setString(1, run.status().wireName());
                dialect.setInstant(update, 2, run.finishedAt());
                update.setLong(3, run.read());
                update.setLong(4, run.repaired());
                update.setLong(5, run.unchanged());
                update.setLong(6, run.skipped());
                update.setLong(7, run.deleted());
                update.setLong(8, run.wouldDelete());
                update.setBoolean(9, run.safetyStop());
                update.setString(10, run.detail());
                update.setString(11, run.id());
                update.setString(12, ReconciliationRun.Status.RUNNING.wireName());
                update.executeUpdate();
            }
            forgetSeen(connection, run.id());
            try (PreparedStatement release = connection.prepareStatement("UPDATE capydb_auth.providers SET run_id = NULL,"
                    + " run_node = NULL, lease_until = NULL" + (reconciled ? ", last_reconciled_at = ?" : "")
                    + " WHERE provider = ? AND run_id = ?")) {
                int next = 1;
                if (reconciled) {
                    dialect.setInstant(release, next++, run.startedAt());
                }
                release.setString(next++, run.provider());
                release.setString(next, run.id());
                release.executeUpdate();
            }
        }
    }

    /** The {@code limit} latest runs, the latest first. */
    public List<ReconciliationRun> latestRuns(int limit) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + RUN_COLUMNS
                        + " FROM capydb_auth.reconciliation_runs ORDER BY started_at DESC, id LIMIT ?")) {
            select.setInt(1, limit);
            List<ReconciliationRun> runs = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    runs.add(run(row));
                }
            }
            return runs;
        }
    }

    /** The run {@code id}, if the report holds it. */
    public Optional<ReconciliationRun> run(String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + RUN_COLUMNS
                        + " FROM capydb_auth.reconciliation_runs WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(run(row)) : Optional.empty();
            }
        }
    }

    private ReconciliationRun run(ResultSet row) throws SQLException {
        SqlDialect dialect = database.dialect();
        return new ReconciliationRun(row.getString("id"), row.getString("provider"), row.getString("node"),
                row.getString("started_by"), ReconciliationRun.Status.ofWireName(row.getString("status")),
                dialect.getInstant(row, "started_at"), dialect.getInstant(row, "finished_at"),
                row.getLong("objects_read"), row.getLong("repaired"), row.getLong("unchanged"), row.getLong("skipped"),
                row.getLong("deleted"), row.getLong("would_delete"), row.getBoolean("safety_stop"),
                row.getString("detail"));
    }

    private void bindRun(PreparedStatement statement, ReconciliationRun run) throws SQLException {
        SqlDialect dialect = database.dialect();
        statement.setString(1, run.id());
        statement.setString(2, run.provider());
        statement.setString(3, run.node());
        statement.setString(4, run.startedBy());
        statement.setString(5, run.status().wireName());
        dialect.setInstant(statement, 6, run.startedAt());
        dialect.setInstant(statement, 7, run.finishedAt());
        statement.setLong(8, run.read());
        statement.setLong(9, run.repaired());
        statement.setLong(10, run.unchanged());
        statement.setLong(11, run.skipped());
        statement.setLong(12, run.deleted());
        statement.setLong(13, run.wouldDelete());
        statement.setBoolean(14, run.safetyStop());
        statement.setString(15, run.detail());
    }

    /** Records that run {@code runId} found the objects of {@code events} in its source. */
    public void seen(String runId, List<NormalizedEvent> events) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(database.dialect()
                    .insertIfAbsent("reconciliation_seen", List.of("run_id", "object", "id", "user_id")))) {
                for (NormalizedEvent event : events) {
                    MirrorTable table = MirrorTable.of(event);
                    List<String> key = table.keyOf(event);
                    insert.setString(1, runId);
                    insert.setString(2, table.table);
                    insert.setString(3, key.get(0));
                    insert.setString(4, key.size() > 1 ? key.get(1) : "");
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void forgetSeen(Connection connection, String runId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM capydb_auth.reconciliation_seen WHERE run_id = ?")) {
            delete.setString(1, runId);
            delete.executeUpdate();
        }
    }

    /**
     * Which rows a reconciliation of a provider compares with its source: those the provider wrote,
     * and where {@code unattributed}, also those written before the mirror recorded a row's provider.
     */
    public record Rows(String provider, boolean unattributed) {

        /** Parameter: the provider. */
        String condition() {
            return unattributed ? "(m.provider = ? OR m.provider IS NULL)" : "m.provider = ?";
        }
    }

    /** The rows of {@code subject}'s table that are not deleted. */
    public long liveRows(NormalizedEvent.Subject subject, Rows rows) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM capydb_auth."
                        + MirrorTable.of(subject).table + " m WHERE m.deleted_at IS NULL AND " + rows.condition())) {
            count.setString(1, rows.provider());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * The live {@code rows} of {@code subject}'s table that run {@code runId} did not find in its source,
     * leaving out those whose source time is not before {@code before}: a webhook wrote them while
     * the run read, after the reader had passed where they were.
     */
    public long absentRows(String runId, NormalizedEvent.Subject subject, Rows rows, Instant before)
            throws SQLException {
        MirrorTable table = MirrorTable.of(subject);
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM capydb_auth." + table.table
                        + " m WHERE " + absent(table, rows))) {
            count.setString(1, runId);
            database.dialect().setInstant(count, 2, before);
            count.setString(3, rows.provider());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * The next {@code limit} of the {@link #absentRows} in key order after {@code after} (none: from
     * the first), each as its deletion at {@code deletedAt}, ready for the write path.
     */
    public List<NormalizedEvent> absentPage(String runId, NormalizedEvent.Subject subject, Rows rows, Instant before,
            NormalizedEvent after, int limit, Instant deletedAt) throws SQLException {
        MirrorTable table = MirrorTable.of(subject);
        String keys = table.key.stream().map(column -> "m." + column.name()).collect(Collectors.joining(", "));
        String from = after == null ? "" : " AND (" + keys + ") > (" + "?, ".repeat(table.key.size() - 1) + "?)";
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + keys + ", m.raw FROM capydb_auth."
                        + table.table + " m WHERE " + absent(table, rows) + from + " ORDER BY " + keys + " LIMIT ?")) {
            select.setString(1, runId);
            database.dialect().setInstant(select, 2, before);
            select.setString(3, rows.provider());
            int next = 4;
            if (after != null) {
                for (String value : table.keyOf(after)) {
                    select.setString(next++, value);
                }
            }
            select.setInt(next, limit);
            List<NormalizedEvent> deletions = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i <= table.key.size(); i++) {
                        key.add(row.getString(i));
                    }
                    deletions.add(table.deletion(key, row.getString(table.key.size() + 1), deletedAt));
                }
            }
            return deletions;
        }
    }

    /** Parameters: the run id, the source time before which a row must have been written, the provider. */
    private static String absent(MirrorTable table, Rows rows) {
        String userId = table.key.size() > 1 ? "m." + table.key.get(1).name() : "''";
        return "NOT EXISTS (SELECT 1 FROM capydb_auth.reconciliation_seen s WHERE s.run_id = ? AND s.object = '"
                + table.table + "' AND s.id = m." + table.key.get(0).name() + " AND s.user_id = " + userId + ")"
                + " AND m.deleted_at IS NULL AND (m.source_updated_at IS NULL OR m.source_updated_at < ?) AND "
                + rows.condition();
    }

    /** What each provider's row says of its freshness. */
    public record Freshness(Instant lastDelivery, Instant lastReconciled) {
    }

    /** Every provider's freshness, as the nodes recorded it. */
    public Map<String, Freshness> freshness() throws SQLException {
        SqlDialect dialect = database.dialect();
        Map<String, Freshness> freshness = new LinkedHashMap<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT provider, last_delivery_at, last_reconciled_at FROM capydb_auth.providers")) {
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    freshness.put(row.getString("provider"), new Freshness(dialect.getInstant(row, "last_delivery_at"),
                            dialect.getInstant(row, "last_reconciled_at")));
                }
            }
        }
        return freshness;
    }

    /** Records the last deliveries this node accepted, by provider, where no node recorded a later one. */
    public void delivered(Map<String, Instant> lastDeliveries) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            for (Map.Entry<String, Instant> delivery : lastDeliveries.entrySet()) {
                ensureProvider(connection, delivery.getKey());
                try (PreparedStatement update = connection.prepareStatement("UPDATE capydb_auth.providers SET"
                        + " last_delivery_at = ? WHERE provider = ? AND (last_delivery_at IS NULL OR last_delivery_at < ?)")) {
                    database.dialect().setInstant(update, 1, delivery.getValue());
                    update.setString(2, delivery.getKey());
                    database.dialect().setInstant(update, 3, delivery.getValue());
                    update.executeUpdate();
                }
            }
        }
    }

    private void ensureProvider(Connection connection, String provider) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                database.dialect().insertIfAbsent("providers", List.of("provider")))) {
            insert.setString(1, provider);
            insert.executeUpdate();
        }
    }
}
