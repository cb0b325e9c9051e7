package dev.capydb.authsync.internal.mirroring;

import static java.util.Comparator.comparing;

import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One transaction of the group commit: records every delivery of a batch and applies those not
 * recorded before, each statement sent for the whole batch at once (one JDBC batch, one round trip),
 * and commits. Either all of it commits or none of it does: a failure leaves neither a key nor a
 * change behind, so every delivery of the batch can be applied again.
 */
@ApplicationScoped
class MirrorTransaction {

    /** Two keys of one table, column by column. */
    private static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    };

    @Inject
    MirrorDatabase database;

    /**
     * Applies {@code batch} in arrival order as far as it matters: deliveries of one row take effect
     * one after another, in the order given; deliveries of different rows are independent.
     *
     * @return what each delivery did, in the order of {@code batch}
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Outcome> write(List<MirrorWrite> batch) {
        SqlDialect dialect = database.dialect();
        Outcome[] outcomes = new Outcome[batch.size()];
        try (Connection connection = database.dataSource().getConnection()) {
            // In key order, so two nodes recording overlapping batches take their locks in one order and
            // cannot deadlock; the sort is stable, so of two equal keys the earlier one is recorded.
            List<Integer> byKey = new ArrayList<>(IntStream.range(0, batch.size()).boxed().toList());
            byKey.sort(comparing((Integer i) -> batch.get(i).provider()).thenComparing(i -> batch.get(i).key()));
            int[] recorded = execute(connection, dialect.recordDelivery(), batch, byKey, (statement, write) -> {
                statement.setString(1, write.provider());
                statement.setString(2, write.key());
                dialect.setInstant(statement, 3, write.receivedAt());
            });
            for (int n = 0; n < recorded.length; n++) {
                if (recorded[n] == 0) {
                    outcomes[byKey.get(n)] = Outcome.DUPLICATE;
                }
            }
            for (List<Integer> round : rounds(batch, outcomes)) {
                // Table by table, in one order, so that nodes lock rows in one order.
                for (MirrorTable table : MirrorTable.values()) {
                    List<Integer> rows = new ArrayList<>(round.stream()
                            .filter(i -> MirrorTable.of(batch.get(i).event()) == table).toList());
                    if (!rows.isEmpty()) {
                        new Round(connection, dialect, table, batch, outcomes).apply(rows);
                    }
                }
            }
        } catch (SQLException e) {
            throw new MirrorException(e);
        }
        return Arrays.asList(outcomes);
    }

    /**
     * The new events of the batch that write a row, in rounds: round k holds the k-th event of each
     * row, so that a row's events apply in their order while each round touches a row at most once.
     */
    private static List<List<Integer>> rounds(List<MirrorWrite> batch, Outcome[] outcomes) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<List<Object>, Integer> eventsOfRow = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            NormalizedEvent event = batch.get(i).event();
            if (outcomes[i] != null) {
                continue;
            }
            if (event.kind() == NormalizedEvent.Kind.NOT_MIRRORED) {
                outcomes[i] = Outcome.NOT_MIRRORED;
                continue;
            }
            MirrorTable table = MirrorTable.of(event);
            int round = eventsOfRow.merge(List.of(table, table.keyOf(event)), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }

    /** One round of one table: distinct rows, so the statements' order cannot change the result. */
    private record Round(Connection connection, SqlDialect dialect, MirrorTable table, List<MirrorWrite> batch,
            Outcome[] outcomes) {

        void apply(List<Integer> rows) throws SQLException {
            // In key order, so that nodes lock rows in one order.
            rows.sort(comparing(i -> table.keyOf(event(i)), KEY_ORDER));
            if (table.deletionIsFinal) {
                applyFinal(rows);
            } else {
                applyRevivable(rows);
            }
        }

        /** Users and organizations: a deleted row stays deleted. */
        private void applyFinal(List<Integer> rows) throws SQLException {
            SqlDialect.Statements sql = dialect.statements(table);
            List<Integer> snapshots = new ArrayList<>();
            List<Integer> upserts = new ArrayList<>();
            List<Integer> deletions = new ArrayList<>();
            for (int i : rows) {
                switch (event(i).kind()) {
                    case SNAPSHOT -> snapshots.add(i);
                    case DELETED -> deletions.add(i);
                    default -> upserts.add(i);
                }
            }

            // A snapshot is inserted if the object is new, and otherwise applied as an upsert like the rest.
            int[] inserted = run(sql.insertNew(), snapshots, this::bindRow);
            for (int n = 0; n < inserted.length; n++) {
                if (inserted[n] > 0) {
                    outcomes[snapshots.get(n)] = Outcome.INSERTED;
                } else {
                    upserts.add(snapshots.get(n));
                }
            }
            upserts.sort(comparing(i -> table.keyOf(event(i)), KEY_ORDER));

            int[] upserted = run(sql.upsert(), upserts, this::bindRow);
            List<Integer> toDeletedRows = new ArrayList<>();
            for (int n = 0; n < upserted.length; n++) {
                int i = upserts.get(n);
                if (upserted[n] > 0) {
                    outcomes[i] = Outcome.CHANGED;
                } else if (event(i).sourceTime() != null) {
                    toDeletedRows.add(i); // stale, or the row is deleted: only the latter may still apply
                } else {
                    outcomes[i] = Outcome.UNCHANGED;
                }
            }
            int[] updated = run(sql.updateDeletedRow(), toDeletedRows, (statement, write) -> {
                int next = bindValues(statement, 1, write);
                statement.setString(next++, table.raw(write.event()));
                next = bindSourceTime(statement, next, write, 1);
                next = bindKey(statement, next, write);
                bindSourceTime(statement, next, write, 2);
            });
            for (int n = 0; n < updated.length; n++) {
                outcomes[toDeletedRows.get(n)] = updated[n] > 0 ? Outcome.CHANGED_WHILE_DELETED : Outcome.UNCHANGED;
            }

            int[] deleted = run(sql.markDeleted(), deletions, (statement, write) -> {
                int next = bindKey(statement, 1, write);
                dialect.setInstant(statement, next, write.deletedAt());
                statement.setString(next + 1, table.raw(write.event()));
            });
            for (int n = 0; n < deleted.length; n++) {
                outcomes[deletions.get(n)] = deleted[n] > 0 ? Outcome.CHANGED : Outcome.UNCHANGED;
            }
        }

        /** Memberships: a removal sets {@code deleted_at}, a newer event of any other kind clears it. */
        private void applyRevivable(List<Integer> rows) throws SQLException {
            SqlDialect.Statements sql = dialect.statements(table);
            int[] inserted = run(sql.insertNew(), rows, this::bindRow);
            List<Integer> existing = new ArrayList<>();
            for (int n = 0; n < inserted.length; n++) {
                int i = rows.get(n);
                if (inserted[n] > 0) {
                    outcomes[i] = event(i).kind() == NormalizedEvent.Kind.SNAPSHOT ? Outcome.INSERTED : Outcome.CHANGED;
                } else {
                    existing.add(i);
                }
            }
            int[] updated = run(sql.update(), existing, (statement, write) -> {
                int next = bindValues(statement, 1, write);
                dialect.setInstant(statement, next++, deletedAt(write));
                statement.setString(next++, table.raw(write.event()));
                next = bindSourceTime(statement, next, write, 1);
                next = bindKey(statement, next, write);
                bindSourceTime(statement, next, write, 3);
            });
            for (int n = 0; n < updated.length; n++) {
                outcomes[existing.get(n)] = updated[n] > 0 ? Outcome.CHANGED : Outcome.UNCHANGED;
            }
        }

        private NormalizedEvent event(int i) {
            return batch.get(i).event();
        }

        /** The whole row: key, typed columns, deleted_at, raw, source time. */
        private void bindRow(PreparedStatement statement, MirrorWrite write) throws SQLException {
            int next = bindKey(statement, 1, write);
            next = bindValues(statement, next, write);
            dialect.setInstant(statement, next, deletedAt(write));
            statement.setString(next + 1, table.raw(write.event()));
            bindSourceTime(statement, next + 2, write, 1);
        }

        /** The {@code deleted_at} a row takes: a deletion's time for a deletion, else none. */
        private Instant deletedAt(MirrorWrite write) {
            return write.event().kind() == NormalizedEvent.Kind.DELETED ? write.deletedAt() : null;
        }

        private int bindKey(PreparedStatement statement, int first, MirrorWrite write) throws SQLException {
            List<String> key = table.keyOf(write.event());
            for (int k = 0; k < key.size(); k++) {
                statement.setString(first + k, key.get(k));
            }
            return first + key.size();
        }

        /** The typed columns from {@code first} on; returns the index after them. */
        private int bindValues(PreparedStatement statement, int first, MirrorWrite write) throws SQLException {
            List<Object> values = table.values(write.event(), write.provider());
            for (int c = 0; c < values.size(); c++) {
                if (table.columns.get(c).timestamp()) {
                    dialect.setInstant(statement, first + c, (Instant) values.get(c));
                } else {
                    statement.setString(first + c, (String) values.get(c));
                }
            }
            return first + values.size();
        }

        /** The source time {@code times} times from {@code first} on; returns the index after them. */
        private int bindSourceTime(PreparedStatement statement, int first, MirrorWrite write, int times)
                throws SQLException {
            for (int t = 0; t < times; t++) {
                dialect.setInstant(statement, first + t, write.event().sourceTime());
            }
            return first + times;
        }

        private int[] run(String sql, List<Integer> indices, Binder binder) throws SQLException {
            return execute(connection, sql, batch, indices, binder);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement, MirrorWrite write) throws SQLException;
    }

    /** Runs {@code sql} once for each of {@code indices} of the batch, as one JDBC batch; their row counts. */
    private static int[] execute(Connection connection, String sql, List<MirrorWrite> batch, List<Integer> indices,
            Binder binder) throws SQLException {
        if (indices.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i : indices) {
                binder.bind(statement, batch.get(i));
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            if (Arrays.stream(counts).anyMatch(count -> count < 0)) {
                // The outcomes are read from the counts. Drivers that rewrite batches withhold them.
                throw new SQLException("The JDBC driver reported no row count for a batched statement;"
                        + " capydb-auth-sync needs them (do not set PostgreSQL's reWriteBatchedInserts or MariaDB's"
                        + " rewriteBatchedStatements)");
            }
            return counts;
        }
    }
}
