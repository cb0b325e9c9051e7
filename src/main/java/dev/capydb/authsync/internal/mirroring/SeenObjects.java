package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.normalization.NormalizedEvent;
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
import java.util.stream.Collectors;

/**
 * The objects a running reconciliation found in its source ({@code capydb_auth.reconciliation_seen}),
 * and the rows of the mirror it did not: those its source may no longer hold. Every statement commits
 * on its own, outside any transaction of the caller: a batch chunk's transaction may hold the batch
 * runtime's own datasource (Payara), which a second non-XA one cannot join.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SeenObjects {

    @Inject
    MirrorDatabase database;

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

    /** Forgets what run {@code runId} found: it ended. */
    public void forget(String runId) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM capydb_auth.reconciliation_seen WHERE run_id = ?")) {
            delete.setString(1, runId);
            delete.executeUpdate();
        }
    }

    /** The rows of {@code subject}'s table that are not deleted. */
    public long liveRows(NormalizedEvent.Subject subject, Rows rows) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM capydb_auth."
                        + MirrorTable.of(subject).table + " m WHERE m.deleted_at IS NULL AND " + rows.condition())) {
            count.setString(1, rows.provider());
            return single(count);
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
            bindAbsent(count, runId, rows, before);
            return single(count);
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
            int next = bindAbsent(select, runId, rows, before);
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

    /** Parameters: {@link #bindAbsent}. */
    private static String absent(MirrorTable table, Rows rows) {
        String userId = table.key.size() > 1 ? "m." + table.key.get(1).name() : "''";
        return "NOT EXISTS (SELECT 1 FROM capydb_auth.reconciliation_seen s WHERE s.run_id = ? AND s.object = '"
                + table.table + "' AND s.id = m." + table.key.get(0).name() + " AND s.user_id = " + userId + ")"
                + " AND m.deleted_at IS NULL AND (m.source_updated_at IS NULL OR m.source_updated_at < ?) AND "
                + rows.condition();
    }

    /** The parameters of {@link #absent}: the run, the time before which a row was written, the provider. */
    private int bindAbsent(PreparedStatement statement, String runId, Rows rows, Instant before) throws SQLException {
        statement.setString(1, runId);
        database.dialect().setInstant(statement, 2, before);
        statement.setString(3, rows.provider());
        return 4;
    }

    private static long single(PreparedStatement count) throws SQLException {
        try (ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
