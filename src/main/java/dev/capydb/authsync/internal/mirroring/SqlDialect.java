package dev.capydb.authsync.internal.mirroring;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The mirror's writes for each supported database: single statements that insert or update
 * atomically, so concurrent deliveries for one user never collide on a key, and that let the
 * database decide, on the row's latest committed state, whether an event is stale. Each says what
 * it did by its row count alone, so a whole batch of them runs as one JDBC batch. No statement
 * ever clears {@code deleted_at}: a late create or update never resurrects a deleted user.
 */
enum SqlDialect {

    POSTGRESQL("postgresql", "capydb_auth", true,
            """
            INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at) VALUES (?, ?, ?)
            ON CONFLICT (provider, delivery_id) DO NOTHING
            """,
            Insert.POSTGRESQL + """
            ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name,
                last_name = EXCLUDED.last_name, username = EXCLUDED.username, image_url = EXCLUDED.image_url,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                last_sign_in_at = EXCLUDED.last_sign_in_at, raw = EXCLUDED.raw,
                source_updated_at = EXCLUDED.source_updated_at
            WHERE u.deleted_at IS NULL AND (EXCLUDED.source_updated_at IS NULL OR u.source_updated_at IS NULL
                OR EXCLUDED.source_updated_at >= u.source_updated_at)
            """,
            Insert.POSTGRESQL + "ON CONFLICT (id) DO NOTHING\n",
            "CAST(? AS jsonb)",
            """
            INSERT INTO capydb_auth.users AS u (id, deleted_at, raw) VALUES (?, ?, CAST(? AS jsonb))
            ON CONFLICT (id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at
            WHERE u.deleted_at IS NULL
            """),

    H2("h2", "CAPYDB_AUTH", true,
            """
            MERGE INTO capydb_auth.deliveries AS d
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS s(provider, delivery_id, received_at)
            ON d.provider = s.provider AND d.delivery_id = s.delivery_id
            WHEN NOT MATCHED THEN INSERT (provider, delivery_id, received_at)
                VALUES (s.provider, s.delivery_id, s.received_at)
            """,
            Insert.H2_MERGE + """
            WHEN MATCHED AND u.deleted_at IS NULL AND (s.source_updated_at IS NULL OR u.source_updated_at IS NULL
                OR s.source_updated_at >= u.source_updated_at) THEN UPDATE SET email = s.email,
                first_name = s.first_name, last_name = s.last_name, username = s.username,
                image_url = s.image_url, created_at = s.created_at, updated_at = s.updated_at,
                last_sign_in_at = s.last_sign_in_at, raw = s.raw, source_updated_at = s.source_updated_at
            """ + Insert.H2_WHEN_NOT_MATCHED,
            Insert.H2_MERGE + Insert.H2_WHEN_NOT_MATCHED,
            "? FORMAT JSON",
            """
            MERGE INTO capydb_auth.users AS u
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE), ? FORMAT JSON))
                AS s(id, deleted_at, raw)
            ON u.id = s.id
            WHEN MATCHED AND u.deleted_at IS NULL THEN UPDATE SET deleted_at = s.deleted_at
            WHEN NOT MATCHED THEN INSERT (id, deleted_at, raw) VALUES (s.id, s.deleted_at, s.raw)
            """),

    /**
     * MariaDB through MariaDB Connector/J with {@code useAffectedRows=true}: only then is a row count
     * what the statement changed (a duplicate key 0, an update 2) rather than the rows it found.
     * {@code ON DUPLICATE KEY UPDATE} assigns left to right, each assignment seeing those before it,
     * so every column takes the guard of the row as it was, and the guard's own column comes last.
     * Unlike PostgreSQL and H2, MariaDB counts an update that leaves every column as it was as no
     * change, so such an event is reported unchanged (and announces nothing) rather than mirrored.
     */
    MARIADB("mariadb", "capydb_auth", false,
            """
            INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at) VALUES (?, ?, ?)
            ON DUPLICATE KEY UPDATE provider = provider
            """,
            Insert.MARIADB + "ON DUPLICATE KEY UPDATE\n" + guarded("deleted_at IS NULL AND (VALUES(source_updated_at)"
                    + " IS NULL OR source_updated_at IS NULL OR VALUES(source_updated_at) >= source_updated_at)",
                    "email", "first_name", "last_name",
                    "username", "image_url", "created_at", "updated_at", "last_sign_in_at", "raw", "source_updated_at"),
            Insert.MARIADB + "ON DUPLICATE KEY UPDATE id = id\n",
            "?",
            """
            INSERT INTO capydb_auth.users (id, deleted_at, raw) VALUES (?, ?, ?)
            ON DUPLICATE KEY UPDATE deleted_at = IF(deleted_at IS NULL, VALUES(deleted_at), deleted_at)
            """);

    /** The insertion of a user's row, which each database's {@link #upsert} and {@link #insertUser} begin with. */
    private static final class Insert {

        static final String POSTGRESQL = """
                INSERT INTO capydb_auth.users AS u (id, email, first_name, last_name, username, image_url,
                    created_at, updated_at, last_sign_in_at, raw, source_updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                """;

        static final String H2_MERGE = """
                MERGE INTO capydb_auth.users AS u
                USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                    CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE),
                    CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), ? FORMAT JSON,
                    CAST(? AS TIMESTAMP WITH TIME ZONE)))
                    AS s(id, email, first_name, last_name, username, image_url, created_at, updated_at,
                         last_sign_in_at, raw, source_updated_at)
                ON u.id = s.id
                """;

        static final String H2_WHEN_NOT_MATCHED = """
                WHEN NOT MATCHED THEN INSERT (id, email, first_name, last_name, username, image_url, created_at,
                    updated_at, last_sign_in_at, raw, source_updated_at)
                    VALUES (s.id, s.email, s.first_name, s.last_name, s.username, s.image_url, s.created_at,
                            s.updated_at, s.last_sign_in_at, s.raw, s.source_updated_at)
                """;

        static final String MARIADB = """
                INSERT INTO capydb_auth.users (id, email, first_name, last_name, username, image_url,
                    created_at, updated_at, last_sign_in_at, raw, source_updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
    }

    /** Parameters: received before. The same on every database. */
    static final String PRUNE_DELIVERIES = "DELETE FROM capydb_auth.deliveries WHERE received_at < ?";

    /** The folder of this database's migrations under {@code db/capydb-auth}. */
    final String migrations;
    /** The schema's name as the database stores the unquoted {@code capydb_auth} of the SQL and the entity. */
    final String schema;
    /**
     * Whether timestamp columns hold a zone; where they do not (MariaDB's {@code DATETIME}), they
     * hold UTC, written as a local date-time so that neither driver nor session zone shifts it.
     */
    private final boolean timestampsWithZone;
    /** Parameters: provider, delivery_id, received_at. Updates no row when the delivery was recorded before. */
    final String recordDelivery;
    /**
     * Parameters: id, email, first_name, last_name, username, image_url, created_at, updated_at,
     * last_sign_in_at, raw, source_updated_at. Inserts the row, or updates it while the
     * user is not deleted with an event at least as new as the row's source time (an event without a
     * source time cannot be placed, so it always applies to a live row).
     */
    final String upsert;
    /**
     * Parameters: those of {@link #upsert}. Inserts the row of a user the table does not hold, and
     * changes nothing otherwise (row count 0): for a snapshot, which must tell a new user from a known one.
     */
    final String insertUser;
    /**
     * Parameters: those of {@link #upsert} after the id, then id, source time, source time. A deleted row
     * keeps {@code deleted_at} and takes only events from before its deletion that are at least as new
     * as its source time: they arrived late, but in-order delivery would have applied them too.
     */
    final String updateDeletedRow;
    /** Parameters: id, deleted_at, raw (used only when the row does not exist yet). */
    final String markDeleted;

    /** @param jsonParameter how a parameter is written into the {@code raw} column */
    SqlDialect(String migrations, String schema, boolean timestampsWithZone, String recordDelivery, String upsert,
            String insertUser, String jsonParameter, String markDeleted) {
        this.migrations = migrations;
        this.schema = schema;
        this.timestampsWithZone = timestampsWithZone;
        this.recordDelivery = recordDelivery;
        this.upsert = upsert;
        this.insertUser = insertUser;
        this.updateDeletedRow = """
                UPDATE capydb_auth.users SET email = ?, first_name = ?, last_name = ?, username = ?, image_url = ?,
                    created_at = ?, updated_at = ?, last_sign_in_at = ?, raw = %s, source_updated_at = ?
                WHERE id = ? AND deleted_at >= ? AND (source_updated_at IS NULL OR source_updated_at <= ?)
                """.formatted(jsonParameter);
        this.markDeleted = markDeleted;
    }

    static SqlDialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.equals("h2")) {
            return H2;
        }
        // MySQL's driver names a MariaDB server "MySQL"; its version says which it is.
        if (product.equals("mariadb") || metaData.getDatabaseProductVersion().contains("MariaDB")) {
            return MARIADB;
        }
        throw new IllegalStateException("capydb-auth-sync does not support " + metaData.getDatabaseProductName()
                + " yet; use PostgreSQL, MariaDB or H2");
    }

    /** Binds {@code value} (or SQL NULL) to a timestamp parameter of this database's statements. */
    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, timestampsWithZone ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
        } else if (timestampsWithZone) {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /**
     * Refuses a database that would not write exactly what the statements say, on MariaDB: a
     * connection that counts the rows an update found rather than those it changed (a duplicate
     * delivery would be reported new, a stale event mirrored), or a server outside strict mode, which
     * cuts a value too long for its column instead of refusing it (two users' ids could become one).
     * Runs after the migrations, on their history table.
     */
    void requireExactWrites(Connection connection) throws SQLException {
        if (this != MARIADB) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            // Finds a row and changes nothing: 0 with affected rows, 1 with found rows.
            String findOneChangeNone = "UPDATE capydb_auth.flyway_schema_history SET success = success LIMIT 1";
            if (statement.executeUpdate(findOneChangeNone) != 0) {
                throw new IllegalStateException("capydb-auth-sync needs its MariaDB datasource to count the rows a"
                        + " statement changed, not those it found: add useAffectedRows=true to the JDBC URL or to the"
                        + " datasource's properties");
            }
            try (ResultSet mode = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
                mode.next();
                if (!mode.getString(1).contains("STRICT_")) {
                    throw new IllegalStateException("capydb-auth-sync needs MariaDB's strict mode (STRICT_TRANS_TABLES,"
                            + " the server's default), which refuses a value too long for its column rather than"
                            + " cutting it; the datasource's sessions run in sql_mode " + mode.getString(1));
                }
            }
        }
    }

    /** {@code column = IF(guard, VALUES(column), column)} for each column, in the order given. */
    private static String guarded(String guard, String... columns) {
        return Arrays.stream(columns)
                .map(column -> "    %s = IF(%s, VALUES(%s), %s)".formatted(column, guard, column, column))
                .collect(Collectors.joining(",\n", "", "\n"));
    }
}
