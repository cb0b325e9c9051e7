package dev.capydb.authsync.internal.reconciliation;

import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import dev.capydb.authsync.internal.mirroring.SqlDialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report of every reconciliation run, {@code capydb_auth.reconciliation_runs}: recorded running
 * when the run takes its provider's lock, completed or failed when it ends, abandoned when its node
 * died and another run took the lock over. Every statement commits on its own, outside any
 * transaction of the caller.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class RunReports {

    private static final String COLUMNS = "id, provider, node, started_by, status, started_at, finished_at,"
            + " objects_read, repaired, unchanged, skipped, deleted, would_delete, safety_stop, detail";

    @Inject
    MirrorDatabase database;

    /** Records {@code run}, as it started. */
    void record(ReconciliationRun run) throws SQLException {
        SqlDialect dialect = database.dialect();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO capydb_auth.reconciliation_runs ("
                        + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, run.id());
            insert.setString(2, run.provider());
            insert.setString(3, run.node());
            insert.setString(4, run.startedBy());
            insert.setString(5, run.status().wireName());
            dialect.setInstant(insert, 6, run.startedAt());
            dialect.setInstant(insert, 7, run.finishedAt());
            insert.setLong(8, run.read());
            insert.setLong(9, run.repaired());
            insert.setLong(10, run.unchanged());
            insert.setLong(11, run.skipped());
            insert.setLong(12, run.deleted());
            insert.setLong(13, run.wouldDelete());
            insert.setBoolean(14, run.safetyStop());
            insert.setString(15, run.detail());
            insert.executeUpdate();
        }
    }

    /** Records the run {@code runId} of {@code node} abandoned at {@code at}, if it is still recorded running. */
    void abandon(String runId, String node, Instant at) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE capydb_auth.reconciliation_runs"
                        + " SET status = ?, finished_at = ?, detail = ? WHERE id = ? AND status = ?")) {
            update.setString(1, ReconciliationRun.Status.ABANDONED.wireName());
            database.dialect().setInstant(update, 2, at);
            update.setString(3, "its node, " + node + ", stopped renewing the lock before the run ended");
            update.setString(4, runId);
            update.setString(5, ReconciliationRun.Status.RUNNING.wireName());
            update.executeUpdate();
        }
    }

    /** Records how {@code run} ended, its status and counts, unless it was recorded abandoned meanwhile. */
    void finish(ReconciliationRun run) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE capydb_auth.reconciliation_runs SET"
                        + " status = ?, finished_at = ?, objects_read = ?, repaired = ?, unchanged = ?, skipped = ?,"
                        + " deleted = ?, would_delete = ?, safety_stop = ?, detail = ? WHERE id = ? AND status = ?")) {
            update.setString(1, run.status().wireName());
            database.dialect().setInstant(update, 2, run.finishedAt());
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
    }

    /** The {@code limit} latest runs, the latest first. */
    public List<ReconciliationRun> latest(int limit) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
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
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
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
}
