package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One statement of the write path, for one table on one database: its SQL and what fills its
 * parameters, written side by side so that they cannot drift apart. It runs for many writes at once,
 * as one JDBC batch (one round trip), and the row count of each write says what the statement did.
 *
 * @param sql the statement
 * @param binder fills its parameters from one write
 */
record MirrorStatement(String sql, Binder binder) {

    /** Fills a statement's parameters, in the order its SQL names them, from one write. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement, MirrorWrite write) throws SQLException;
    }

    /**
     * Runs the statement once for each of {@code writes}, as one JDBC batch.
     *
     * @return the row count of each write, in order
     * @throws SQLException also when the driver withholds the row counts, from which outcomes are read
     */
    int[] executeBatch(Connection connection, List<MirrorWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (MirrorWrite write : writes) {
                binder.bind(statement, write);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            if (Arrays.stream(counts).anyMatch(count -> count < 0)) {
                // Drivers that rewrite batches withhold them.
                throw new SQLException("The JDBC driver reported no row count for a batched statement;"
                        + " capydb-auth-sync needs them (do not set PostgreSQL's reWriteBatchedInserts or MariaDB's"
                        + " rewriteBatchedStatements)");
            }
            return counts;
        }
    }

    /**
     * The parameters of a statement of one table, in the order its SQL names them: each call appends
     * the next ones.
     */
    static final class Parameters {

        /** Binds parameters from {@code first} on; returns the index after them. */
        @FunctionalInterface
        private interface Part {
            int bind(PreparedStatement statement, int first, MirrorWrite write) throws SQLException;
        }

        private final SqlDialect dialect;
        private final MirrorTable table;
        private final List<Part> parts = new ArrayList<>();

        Parameters(SqlDialect dialect, MirrorTable table) {
            this.dialect = dialect;
            this.table = table;
        }

        /** The whole row: the key, the typed columns, {@code deleted_at}, {@code raw}, {@code source_updated_at}. */
        Parameters row() {
            return key().values().deletedAt().raw().sourceTime();
        }

        /** The row's key, column by column. */
        Parameters key() {
            return add((statement, first, write) -> {
                List<String> key = table.keyOf(write.event());
                for (int k = 0; k < key.size(); k++) {
                    statement.setString(first + k, key.get(k));
                }
                return first + key.size();
            });
        }

        /** The typed columns, the provider's last. */
        Parameters values() {
            return add((statement, first, write) -> {
                List<Object> values = table.values(write.event(), write.provider());
                for (int c = 0; c < values.size(); c++) {
                    if (table.columns.get(c).timestamp()) {
                        dialect.setInstant(statement, first + c, (Instant) values.get(c));
                    } else {
                        statement.setString(first + c, (String) values.get(c));
                    }
                }
                return first + values.size();
            });
        }

        /** The {@code deleted_at} the row takes: the deletion's time for a deletion, else none. */
        Parameters deletedAt() {
            return add((statement, first, write) -> {
                dialect.setInstant(statement, first,
                        write.event().kind() == NormalizedEvent.Kind.DELETED ? write.deletedAt() : null);
                return first + 1;
            });
        }

        /** The provider's object as JSON text. */
        Parameters raw() {
            return add((statement, first, write) -> {
                statement.setString(first, table.raw(write.event()));
                return first + 1;
            });
        }

        /** The event's source time, which orders the changes of a row. */
        Parameters sourceTime() {
            return add((statement, first, write) -> {
                dialect.setInstant(statement, first, write.event().sourceTime());
                return first + 1;
            });
        }

        private Parameters add(Part part) {
            parts.add(part);
            return this;
        }

        /** The statement of {@code sql} with these parameters. */
        MirrorStatement of(String sql) {
            List<Part> bound = List.copyOf(parts);
            return new MirrorStatement(sql, (statement, write) -> {
                int next = 1;
                for (Part part : bound) {
                    next = part.bind(statement, next, write);
                }
            });
        }
    }
}
