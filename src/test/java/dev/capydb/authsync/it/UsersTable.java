package dev.capydb.authsync.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code capydb_auth.users} of the test database, read over plain JDBC. */
public final class UsersTable {

    private UsersTable() {
    }

    /** The row of {@code id}, column name to value ({@code raw} as text), or {@code null}. */
    public static Map<String, Object> row(String id) {
        return query("SELECT id, email, first_name, last_name, username, image_url, created_at, updated_at, "
                + "last_sign_in_at, deleted_at, raw::text AS raw FROM capydb_auth.users WHERE id = ?", id);
    }

    public static long count() {
        return (Long) query("SELECT count(*) AS n FROM capydb_auth.users", null).get("n");
    }

    /** Whether the stored {@code raw} is, as JSON, the given text (PostgreSQL's jsonb equality). */
    public static boolean rawEqualsJson(String id, String json) {
        return (Boolean) query("SELECT raw = CAST(? AS jsonb) AS same FROM capydb_auth.users WHERE id = ?", json, id)
                .get("same");
    }

    private static Map<String, Object> query(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameters != null) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    OffsetDateTime timestamp = meta.getColumnTypeName(i).equals("timestamptz")
                            ? rs.getObject(i, OffsetDateTime.class) : null;
                    row.put(meta.getColumnLabel(i), timestamp != null ? timestamp.toInstant() : rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
