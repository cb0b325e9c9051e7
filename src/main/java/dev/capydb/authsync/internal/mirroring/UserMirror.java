package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.events.NormalizedUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Writes users into {@code capydb_auth.users}, one JTA transaction per call: the caller answers the
 * sender only after the call returned, that is after the commit.
 */
@ApplicationScoped
public class UserMirror {

    @Inject
    MirrorDatabase database;

    /**
     * Inserts the user or updates its row.
     *
     * @return whether a row changed; {@code false} when the user was deleted before
     */
    @Transactional
    public boolean upsert(NormalizedUser user) {
        return execute(database.dialect().upsert, statement -> {
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
        });
    }

    /**
     * Sets {@code deleted_at} and keeps the row. A user never seen gets a row holding only the id
     * and the deletion, so a create that arrives late cannot bring it back.
     *
     * @return whether a row changed; {@code false} when the user was already deleted
     */
    @Transactional
    public boolean markDeleted(NormalizedUser user, Instant deletedAt) {
        return execute(database.dialect().markDeleted, statement -> {
            statement.setString(1, user.id());
            setInstant(statement, 2, deletedAt);
            statement.setString(3, user.raw());
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private boolean execute(String sql, Binder binder) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new MirrorException(e);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }
}
