package dev.capydb.authsync.internal.mirroring;

import static java.util.Comparator.comparing;

import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
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
        try (Connection connection = database.dataSource().getConnection()) {
            return write(connection, database.dialect(), batch);
        } catch (SQLException e) {
            throw new MirrorException(e);
        }
    }

    /** The statements of {@link #write(List)} on {@code connection}, in its transaction. */
    static List<Outcome> write(Connection connection, SqlDialect dialect, List<MirrorWrite> batch) throws SQLException {
        Outcome[] outcomes = new Outcome[batch.size()];
        // In key order, so two nodes recording overlapping batches take their locks in one order and
        // cannot deadlock; the sort is stable, so of two equal keys the earlier one is recorded.
        List<Integer> byKey = new ArrayList<>(IntStream.range(0, batch.size()).boxed().toList());
        byKey.sort(comparing((Integer i) -> batch.get(i).provider()).thenComparing(i -> batch.get(i).key()));
        int[] recorded = dialect.recordDelivery().executeBatch(connection, writes(batch, byKey));
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
                    new Round(connection, dialect.statements(table), table, batch, outcomes).apply(rows);
                }
            }
        }
        return Arrays.asList(outcomes);
    }

    private static List<MirrorWrite> writes(List<MirrorWrite> batch, List<Integer> indices) {
        return indices.stream().map(batch::get).toList();
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
    private record Round(Connection connection, SqlDialect.Statements sql, MirrorTable table, List<MirrorWrite> batch,
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
            int[] inserted = run(sql.insertNew(), snapshots);
            for (int n = 0; n < inserted.length; n++) {
                if (inserted[n] > 0) {
                    outcomes[snapshots.get(n)] = Outcome.INSERTED;
                } else {
                    upserts.add(snapshots.get(n));
                }
            }
            upserts.sort(comparing(i -> table.keyOf(event(i)), KEY_ORDER));

            int[] upserted = run(sql.upsert(), upserts);
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
            int[] updated = run(sql.updateDeletedRow(), toDeletedRows);
            for (int n = 0; n < updated.length; n++) {
                outcomes[toDeletedRows.get(n)] = updated[n] > 0 ? Outcome.CHANGED_WHILE_DELETED : Outcome.UNCHANGED;
            }

            int[] deleted = run(sql.markDeleted(), deletions);
            for (int n = 0; n < deleted.length; n++) {
                outcomes[deletions.get(n)] = deleted[n] > 0 ? Outcome.CHANGED : Outcome.UNCHANGED;
            }
        }

        /** Memberships: a removal sets {@code deleted_at}, a newer event of any other kind clears it. */
        private void applyRevivable(List<Integer> rows) throws SQLException {
            int[] inserted = run(sql.insertNew(), rows);
            List<Integer> existing = new ArrayList<>();
            for (int n = 0; n < inserted.length; n++) {
                int i = rows.get(n);
                if (inserted[n] > 0) {
                    outcomes[i] = event(i).kind() == NormalizedEvent.Kind.SNAPSHOT ? Outcome.INSERTED : Outcome.CHANGED;
                } else {
                    existing.add(i);
                }
            }
            int[] updated = run(sql.update(), existing);
            for (int n = 0; n < updated.length; n++) {
                outcomes[existing.get(n)] = updated[n] > 0 ? Outcome.CHANGED : Outcome.UNCHANGED;
            }
        }

        private NormalizedEvent event(int i) {
            return batch.get(i).event();
        }

        private int[] run(MirrorStatement statement, List<Integer> indices) throws SQLException {
            return statement.executeBatch(connection, writes(batch, indices));
        }
    }
}
