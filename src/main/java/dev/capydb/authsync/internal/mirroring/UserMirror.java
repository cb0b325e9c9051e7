package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.events.NormalizedUser;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Applies verified deliveries to {@code capydb_auth.users}, each in one JTA transaction that also
 * records the delivery's key: a redelivery finds its key and changes nothing, and a failure leaves
 * neither the key nor the change behind, so the sender's retry applies it. The caller answers the
 * sender only after {@link #apply} returned, that is after the commit.
 */
@ApplicationScoped
public class UserMirror {

    /** What applying a delivery did to the table. */
    public enum Outcome {
        /** A row was inserted or changed. */
        CHANGED,
        /**
         * A deleted user's row took an event from before the deletion that arrived after it: the table
         * changed, but the user stays deleted, so no change is announced.
         */
        CHANGED_WHILE_DELETED,
        /** Nothing to change: the event is stale, the user was deleted before, or the event is not mirrored. */
        UNCHANGED,
        /** This delivery was applied before; nothing was done this time. */
        DUPLICATE
    }

    @Inject
    MirrorDatabase database;

    /**
     * Records the delivery and applies the event, unless the delivery was recorded before. An upsert
     * is skipped when the row reflects a later {@linkplain NormalizedEvent#sourceTime() source time},
     * or the user was deleted before the event's source time; a deletion sets {@code deleted_at} to
     * {@code deletedAt} and keeps the row (a user never seen gets a row holding only the id and the
     * deletion, so a create that arrives late cannot bring it back).
     */
    @Transactional
    public Outcome apply(String provider, String deliveryKey, Instant receivedAt, NormalizedEvent event,
            Instant deletedAt) {
        SqlDialect dialect = database.dialect();
        try (Connection connection = database.dataSource().getConnection()) {
            if (update(connection, dialect.recordDelivery, statement -> {
                statement.setString(1, provider);
                statement.setString(2, deliveryKey);
                setInstant(statement, 3, receivedAt);
            }) == 0) {
                return Outcome.DUPLICATE;
            }
            NormalizedUser user = event.user();
            return switch (event.kind()) {
                case CREATED, UPDATED -> {
                    int rows = update(connection, dialect.upsert, statement -> {
                        statement.setString(1, user.id());
                        statement.setString(2, user.email());
                        statement.setString(3, user.firstName());
                        statement.setString(4, user.lastName());
                        statement.setString(5, user.username());
                        statement.setString(6, user.imageUrl());
                        setInstant(statement, 7, user.createdAt());
                        setInstant(statement, 8, user.updatedAt());
                        setInstant(statement, 9, user.lastSignInAt());
                        statement.setString(10, user.raw());
                        setInstant(statement, 11, event.sourceTime());
                    });
                    yield rows == 0 ? Outcome.UNCHANGED
                            : isDeleted(connection, user.id()) ? Outcome.CHANGED_WHILE_DELETED : Outcome.CHANGED;
                }
                case DELETED -> update(connection, dialect.markDeleted, statement -> {
                    statement.setString(1, user.id());
                    setInstant(statement, 2, deletedAt);
                    statement.setString(3, user.raw());
                }) > 0 ? Outcome.CHANGED : Outcome.UNCHANGED;
                case NOT_MIRRORED -> Outcome.UNCHANGED;
            };
        } catch (SQLException e) {
            throw new MirrorException(e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static int update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    /** Read after the upsert, whose row lock this transaction holds until it commits. */
    private static boolean isDeleted(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SqlDialect.DELETED_AT)) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getObject(1) != null;
            }
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }
}
