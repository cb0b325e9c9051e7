package dev.capydb.authsync.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code capydb_auth.users} of the test database, read over plain JDBC. */
public final class UsersTable {

    private UsersTable() {
    }

    /** The row of {@code id}, column name to value ({@code raw} as text), or {@code null}. */
    public static Map<String, Object> row(String id) {
        return query("SELECT id, email, first_name, last_name, username, image_url, created_at, updated_at, "
                + "last_sign_in_at, deleted_at, " + (TestDatabase.onMariaDb() ? "raw" : "raw::text AS raw")
                + " FROM capydb_auth.users WHERE id = ?", id);
    }

    /** The organization's row of {@code capydb_auth.organizations} ({@code raw} as text), or {@code null}. */
    public static Map<String, Object> organization(String id) {
        return query("SELECT id, name, slug, image_url, created_at, updated_at, deleted_at, "
                + (TestDatabase.onMariaDb() ? "raw" : "raw::text AS raw") + " FROM capydb_auth.organizations WHERE id = ?", id);
    }

    /** The membership's row of {@code capydb_auth.memberships} ({@code raw} as text), or {@code null}. */
    public static Map<String, Object> membership(String organizationId, String userId) {
        return query("SELECT organization_id, user_id, role, created_at, updated_at, deleted_at, "
                + (TestDatabase.onMariaDb() ? "raw" : "raw::text AS raw")
                + " FROM capydb_auth.memberships WHERE organization_id = ? AND user_id = ?", organizationId, userId);
    }

    public static long count() {
        return ((Number) query("SELECT count(*) AS n FROM capydb_auth.users", null).get("n")).longValue();
    }

    /** How many rows of {@code capydb_auth.<table>} have {@code value} in {@code column}. */
    public static long count(String table, String column, String value) {
        return ((Number) query("SELECT count(*) AS n FROM capydb_auth." + table + " WHERE " + column + " = ?", value)
                .get("n")).longValue();
    }

    /** Whether the stored {@code raw} is, as JSON, the given text (the database's JSON equality). */
    public static boolean rawEqualsJson(String id, String json) {
        String same = TestDatabase.onMariaDb() ? "JSON_EQUALS(raw, ?)" : "raw = CAST(? AS jsonb)";
        return ((Number) query("SELECT CASE WHEN " + same + " THEN 1 ELSE 0 END AS same FROM capydb_auth.users "
                + "WHERE id = ?", json, id).get("same")).intValue() == 1;
    }

    /**
     * The rows whose id starts with {@code prefix}, keyed by the rest of the id, with every column but
     * the id, including {@code source_updated_at}, and {@code raw} without its {@code id} member: two
     * runs of the same history under different prefixes must leave equal maps.
     */
    public static Map<String, Map<String, Object>> comparableRows(String prefix) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        String rawWithoutId = TestDatabase.onMariaDb() ? "JSON_REMOVE(raw, '$.id')" : "(raw - 'id')::text";
        for (Map<String, Object> row : rows("SELECT substr(id, ?) AS suffix, email, first_name, last_name, username, "
                + "image_url, created_at, updated_at, last_sign_in_at, deleted_at, source_updated_at, "
                + rawWithoutId + " AS raw FROM capydb_auth.users WHERE left(id, ?) = ?",
                prefix.length() + 1, prefix.length(), prefix)) {
            rows.put((String) row.remove("suffix"), row);
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
                // MariaDB's DATETIME columns hold UTC without a zone, as the receiver writes them.
                statement.setObject(i + 1, parameters[i] instanceof OffsetDateTime time && TestDatabase.onMariaDb()
                        ? time.atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime() : parameters[i]);
            }
        }
        return statement;
    }

    /** The rows {@code sql} returns on the database at {@code jdbcUrl} (one of {@link TestDatabase#emptyDatabaseUrl}). */
    public static List<Map<String, Object>> queryOn(String jdbcUrl, String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect(jdbcUrl)) {
            return rows(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code sql} on the database at {@code jdbcUrl}. */
    public static void executeOn(String jdbcUrl, String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect(jdbcUrl);
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect()) {
            return rows(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rs = statement.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), switch (meta.getColumnTypeName(i).toLowerCase(Locale.ROOT)) {
                        case "timestamptz" -> instant(rs.getObject(i, OffsetDateTime.class));
                        case "datetime" -> instant(rs.getObject(i, LocalDateTime.class));
                        default -> rs.getObject(i);
                    });
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** A MariaDB {@code DATETIME}, which holds UTC. */
    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
