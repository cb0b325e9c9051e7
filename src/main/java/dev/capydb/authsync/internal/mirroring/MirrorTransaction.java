package dev.capydb.authsync.internal.mirroring;

import static java.util.Comparator.comparing;

import dev.capydb.authsync.events.NormalizedUser;
import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

    @Inject
    MirrorDatabase database;

    /**
     * Applies {@code batch} in arrival order as far as it matters: deliveries of one user take effect
     * one after another, in the order given; deliveries of different users are independent.
     *
     * @return what each delivery did, in the order of {@code batch}
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Outcome> write(List<UserWrite> batch) {
        SqlDialect dialect = database.dialect();
        Outcome[] outcomes = new Outcome[batch.size()];
        try (Connection connection = database.dataSource().getConnection()) {
            // In key order, so two nodes recording overlapping batches take their locks in one order and
            // cannot deadlock; the sort is stable, so of two equal keys the earlier one is recorded.
            List<Integer> byKey = new ArrayList<>(IntStream.range(0, batch.size()).boxed().toList());
            byKey.sort(comparing((Integer i) -> batch.get(i).provider()).thenComparing(i -> batch.get(i).key()));
            int[] recorded = execute(connection, dialect, dialect.recordDelivery, batch, byKey,
                    MirrorTransaction::bindRecord);
            for (int n = 0; n < recorded.length; n++) {
                if (recorded[n] == 0) {
                    outcomes[byKey.get(n)] = Outcome.DUPLICATE;
                }
            }
            for (List<Integer> round : rounds(batch, outcomes)) {
                apply(connection, dialect, batch, round, outcomes);
            }
        } catch (SQLException e) {
            throw new MirrorException(e);
        }
        return Arrays.asList(outcomes);
    }

    /**
     * The new user events of the batch in rounds: round k holds the k-th event of each user, so that a
     * user's events apply in their order while each round touches a user at most once.
     */
    private static List<List<Integer>> rounds(List<UserWrite> batch, Outcome[] outcomes) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> eventsOfUser = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            NormalizedEvent event = batch.get(i).event();
            if (outcomes[i] != null) {
                continue;
            }
            if (event.kind() == NormalizedEvent.Kind.NOT_MIRRORED) {
                outcomes[i] = Outcome.NOT_MIRRORED;
                continue;
            }
            int round = eventsOfUser.merge(event.user().id(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }

    /** One round: distinct users, so the statements' order cannot change the result. */
    private static void apply(Connection connection, SqlDialect dialect, List<UserWrite> batch, List<Integer> round,
            Outcome[] outcomes) throws SQLException {
        // In user order, so that nodes lock rows in one order.
        Comparator<Integer> byUser = comparing(i -> batch.get(i).event().user().id());
        round.sort(byUser);
        List<Integer> snapshots = new ArrayList<>();
        List<Integer> upserts = new ArrayList<>();
        List<Integer> deletions = new ArrayList<>();
        for (int i : round) {
            switch (batch.get(i).event().kind()) {
                case SNAPSHOT -> snapshots.add(i);
                case DELETED -> deletions.add(i);
                default -> upserts.add(i);
            }
        }

        // A snapshot is inserted if the user is new, and otherwise applied as an upsert like the rest.
        int[] inserted = execute(connection, dialect, dialect.insertUser, batch, snapshots,
                MirrorTransaction::bindUpsert);
        for (int n = 0; n < inserted.length; n++) {
            if (inserted[n] > 0) {
                outcomes[snapshots.get(n)] = Outcome.INSERTED;
            } else {
                upserts.add(snapshots.get(n));
            }
        }
        upserts.sort(byUser);

        int[] upserted = execute(connection, dialect, dialect.upsert, batch, upserts, MirrorTransaction::bindUpsert);
        List<Integer> toDeletedRows = new ArrayList<>();
        for (int n = 0; n < upserted.length; n++) {
            int i = upserts.get(n);
            if (upserted[n] > 0) {
                outcomes[i] = Outcome.CHANGED;
            } else if (batch.get(i).event().sourceTime() != null) {
                toDeletedRows.add(i); // stale, or the user is deleted: only the latter may still apply
            } else {
                outcomes[i] = Outcome.UNCHANGED;
            }
        }
        int[] updated = execute(connection, dialect, dialect.updateDeletedRow, batch, toDeletedRows,
                MirrorTransaction::bindDeletedRowUpdate);
        for (int n = 0; n < updated.length; n++) {
            outcomes[toDeletedRows.get(n)] = updated[n] > 0 ? Outcome.CHANGED_WHILE_DELETED : Outcome.UNCHANGED;
        }

        int[] deleted = execute(connection, dialect, dialect.markDeleted, batch, deletions,
                MirrorTransaction::bindDeletion);
        for (int n = 0; n < deleted.length; n++) {
            outcomes[deletions.get(n)] = deleted[n] > 0 ? Outcome.CHANGED : Outcome.UNCHANGED;
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(SqlDialect dialect, PreparedStatement statement, UserWrite write) throws SQLException;
    }

    /** Runs {@code sql} once for each of {@code indices} of the batch, as one JDBC batch; their row counts. */
    private static int[] execute(Connection connection, SqlDialect dialect, String sql, List<UserWrite> batch,
            List<Integer> indices, Binder binder) throws SQLException {
        if (indices.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i : indices) {
                binder.bind(dialect, statement, batch.get(i));
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

    private static void bindRecord(SqlDialect dialect, PreparedStatement statement, UserWrite write)
            throws SQLException {
        statement.setString(1, write.provider());
        statement.setString(2, write.key());
        dialect.setInstant(statement, 3, write.receivedAt());
    }

    private static void bindUpsert(SqlDialect dialect, PreparedStatement statement, UserWrite write)
            throws SQLException {
        statement.setString(1, write.event().user().id());
        bindColumns(dialect, statement, 2, write.event());
    }

    private static void bindDeletedRowUpdate(SqlDialect dialect, PreparedStatement statement, UserWrite write)
            throws SQLException {
        int next = bindColumns(dialect, statement, 1, write.event());
        statement.setString(next, write.event().user().id());
        dialect.setInstant(statement, next + 1, write.event().sourceTime());
        dialect.setInstant(statement, next + 2, write.event().sourceTime());
    }

    private static void bindDeletion(SqlDialect dialect, PreparedStatement statement, UserWrite write)
            throws SQLException {
        statement.setString(1, write.event().user().id());
        dialect.setInstant(statement, 2, write.deletedAt());
        statement.setString(3, write.event().user().raw());
    }

    /** The columns after the id, email to source_updated_at, from {@code first}; the index after them. */
    private static int bindColumns(SqlDialect dialect, PreparedStatement statement, int first,
            NormalizedEvent event) throws SQLException {
        NormalizedUser user = event.user();
        statement.setString(first, user.email());
        statement.setString(first + 1, user.firstName());
        statement.setString(first + 2, user.lastName());
        statement.setString(first + 3, user.username());
        statement.setString(first + 4, user.imageUrl());
        dialect.setInstant(statement, first + 5, user.createdAt());
        dialect.setInstant(statement, first + 6, user.updatedAt());
        dialect.setInstant(statement, first + 7, user.lastSignInAt());
        statement.setString(first + 8, user.raw());
        dialect.setInstant(statement, first + 9, event.sourceTime());
        return first + 10;
    }
}
