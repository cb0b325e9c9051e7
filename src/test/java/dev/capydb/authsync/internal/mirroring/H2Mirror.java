package dev.capydb.authsync.internal.mirroring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A mirror database of a test's own: H2 in memory, migrated by the library's own migrations, as the
 * receiver opens the embedded default database of WildFly and Payara. Dropped on {@link #close()}.
 */
public final class H2Mirror implements AutoCloseable {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final MirrorDatabase database = new MirrorDatabase();

    public H2Mirror() {
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try {
            database.open(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database as the library's beans see it. */
    public MirrorDatabase database() {
        return database;
    }

    /** The bean of the reconciliations' seen objects on this database, as the container would inject it. */
    public SeenObjects seenObjects() {
        SeenObjects seen = new SeenObjects();
        seen.database = database;
        return seen;
    }

    /** The bean of the providers' freshness on this database, as the container would inject it. */
    public FreshnessStore freshnessStore() {
        FreshnessStore store = new FreshnessStore();
        store.database = database;
        return store;
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** The rows {@code sql} returns, column names in lower case, timestamps as {@link java.time.Instant}s. */
    public List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = result.getObject(c);
                        row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT),
                                value instanceof OffsetDateTime time ? time.toInstant() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one row {@code sql} returns, or {@code null} when it returns none. */
    public Map<String, Object> row(String sql, Object... parameters) {
        List<Map<String, Object>> rows = query(sql, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException(rows.size() + " rows for " + sql);
        }
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
