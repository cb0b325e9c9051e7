package dev.capydb.authsync.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** How many rows of {@code capydb_auth.<table>} have {@code value} in {@code column}. */
    public static long count(String table, String column, String value) {
        return (Long) query("SELECT count(*) AS n FROM capydb_auth." + table + " WHERE " + column + " = ?", value)
                .get("n");
    }

    /** Whether the stored {@code raw} is, as JSON, the given text (PostgreSQL's jsonb equality). */
    public static boolean rawEqualsJson(String id, String json) {
        return (Boolean) query("SELECT raw = CAST(? AS jsonb) AS same FROM capydb_auth.users WHERE id = ?", json, id)
                .get("same");
    }

    /**
     * The rows whose id starts with {@code prefix}, keyed by the rest of the id, with every column but
     * the id, including {@code source_updated_at}, and {@code raw} without its {@code id} member: two
     * runs of the same history under different prefixes must leave equal maps.
     */
    public static Map<String, Map<String, Object>> comparableRows(String prefix) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (Map<String, Object> row : rows("SELECT substr(id, ?) AS key, email, first_name, last_name, username, "
                + "image_url, created_at, updated_at, last_sign_in_at, deleted_at, source_updated_at, "
                + "(raw - 'id')::text AS raw FROM capydb_auth.users WHERE starts_with(id, ?)",
                prefix.length() + 1, prefix)) {
            rows.put((String) row.remove("key"), row);
        }
        return rows;
    }

    /** Runs {@code sql} (a statement that returns no rows) on the test database. */
    public static void execute(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first row {@code sql} returns on the test database, column label to value, or {@code null}. */
    public static Map<String, Object> query(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (parameters != null) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }

    private static List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    OffsetDateTime timestamp = meta.getColumnTypeName(i).equals("timestamptz")
                            ? rs.getObject(i, OffsetDateTime.class) : null;
                    row.put(meta.getColumnLabel(i), timestamp != null ? timestamp.toInstant() : rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
