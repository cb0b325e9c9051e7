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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The mirror's writes for each supported database: single statements that insert or update
 * atomically, so concurrent deliveries for one row never collide on a key, and that let the
 * database decide, on the row's latest committed state, whether an event is stale. Each says what
 * it did by its row count alone, so a whole batch of them runs as one JDBC batch. The statements
 * are the same for every table ({@link MirrorTable}), built from its columns; no statement of a
 * table whose deletion is final ever clears {@code deleted_at}: a late create or update never
 * resurrects a deleted user or organization.
 */
public enum SqlDialect {

    POSTGRESQL("postgresql", "capydb_auth", true, "TIMESTAMP WITH TIME ZONE", "CAST(? AS jsonb)") {
        @Override
        String recordDeliverySql() {
            return """
                    INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at) VALUES (?, ?, ?)
                    ON CONFLICT (provider, delivery_id) DO NOTHING
                    """;
        }

        @Override
        String insertIfAbsent(String table, List<String> columns) {
            return "INSERT INTO capydb_auth." + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + "?, ".repeat(columns.size() - 1) + "?) ON CONFLICT DO NOTHING";
        }

        @Override
        String upsertSql(MirrorTable table) {
            return insert(table) + "ON CONFLICT (" + keyList(table) + ") DO UPDATE SET "
                    + assignments(table, column -> column + " = EXCLUDED." + column) + "\nWHERE m.deleted_at IS NULL AND ("
                    + "EXCLUDED.source_updated_at IS NULL OR m.source_updated_at IS NULL"
                    + " OR EXCLUDED.source_updated_at >= m.source_updated_at)\n";
        }

        @Override
        String insertNewSql(MirrorTable table) {
            return insert(table) + "ON CONFLICT (" + keyList(table) + ") DO NOTHING\n";
        }

        @Override
        String markDeletedSql(MirrorTable table) {
            return "INSERT INTO capydb_auth." + table.table + " AS m (" + keyList(table) + ", deleted_at, raw) VALUES ("
                    + "?, ".repeat(table.key.size()) + "?, " + json + ")\nON CONFLICT (" + keyList(table)
                    + ") DO UPDATE SET deleted_at = EXCLUDED.deleted_at WHERE m.deleted_at IS NULL\n";
        }

        private String insert(MirrorTable table) {
            return "INSERT INTO capydb_auth." + table.table + " AS m (" + String.join(", ", rowColumns(table))
                    + ")\nVALUES (" + "?, ".repeat(table.key.size() + table.columns.size() + 1) + json + ", ?)\n";
        }
    },

    H2("h2", "CAPYDB_AUTH", true, "TIMESTAMP WITH TIME ZONE", "? FORMAT JSON") {
        @Override
        String recordDeliverySql() {
            return """
                    MERGE INTO capydb_auth.deliveries AS d
                    USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE)))
                        AS s(provider, delivery_id, received_at)
                    ON d.provider = s.provider AND d.delivery_id = s.delivery_id
                    WHEN NOT MATCHED THEN INSERT (provider, delivery_id, received_at)
                        VALUES (s.provider, s.delivery_id, s.received_at)
                    """;
        }

        @Override
        String insertIfAbsent(String table, List<String> columns) {
            return "MERGE INTO capydb_auth." + table + " AS t USING (VALUES ("
                    + "CAST(? AS VARCHAR), ".repeat(columns.size() - 1) + "CAST(? AS VARCHAR))) AS s("
                    + String.join(", ", columns) + ")\nON " + columns.stream().map(c -> "t." + c + " = s." + c)
                    .collect(Collectors.joining(" AND ")) + "\nWHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns)
                    + ") VALUES (" + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
        }

        @Override
        String upsertSql(MirrorTable table) {
            return merge(table) + "WHEN MATCHED AND m.deleted_at IS NULL AND (s.source_updated_at IS NULL"
                    + " OR m.source_updated_at IS NULL OR s.source_updated_at >= m.source_updated_at) THEN UPDATE SET "
                    + assignments(table, column -> column + " = s." + column) + "\n" + whenNotMatched(table, rowColumns(table));
        }

        @Override
        String insertNewSql(MirrorTable table) {
            return merge(table) + whenNotMatched(table, rowColumns(table));
        }

        @Override
        String markDeletedSql(MirrorTable table) {
            List<String> columns = new ArrayList<>(table.key.stream().map(MirrorTable.Column::name).toList());
            columns.addAll(List.of("deleted_at", "raw"));
            return "MERGE INTO capydb_auth." + table.table + " AS m\nUSING (VALUES ("
                    + "CAST(? AS VARCHAR), ".repeat(table.key.size()) + "CAST(? AS " + timestampType + "), " + json
                    + ")) AS s(" + String.join(", ", columns) + ")\nON " + keyMatch(table)
                    + "\nWHEN MATCHED AND m.deleted_at IS NULL THEN UPDATE SET deleted_at = s.deleted_at\n"
                    + whenNotMatched(table, columns);
        }

        /** {@code MERGE … USING} the full row as parameters, matched on the key. */
        private String merge(MirrorTable table) {
            List<String> values = new ArrayList<>();
            table.key.forEach(column -> values.add("CAST(? AS VARCHAR)"));
            table.columns.forEach(column -> values.add(column.timestamp() ? "CAST(? AS " + timestampType + ")"
                    : "CAST(? AS VARCHAR)"));
            values.addAll(List.of("CAST(? AS " + timestampType + ")", json, "CAST(? AS " + timestampType + ")"));
            return "MERGE INTO capydb_auth." + table.table + " AS m\nUSING (VALUES (" + String.join(", ", values)
                    + "))\n    AS s(" + String.join(", ", rowColumns(table)) + ")\nON " + keyMatch(table) + "\n";
        }

        private static String keyMatch(MirrorTable table) {
            return table.key.stream().map(column -> "m." + column.name() + " = s." + column.name())
                    .collect(Collectors.joining(" AND "));
        }

        private static String whenNotMatched(MirrorTable table, List<String> columns) {
            return "WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ")\n    VALUES ("
                    + columns.stream().map(column -> "s." + column).collect(Collectors.joining(", ")) + ")\n";
        }
    },

    /**
     * MariaDB through MariaDB Connector/J with {@code useAffectedRows=true}: only then is a row count
     * what the statement changed (a duplicate key 0, an update 2) rather than the rows it found.
     * {@code ON DUPLICATE KEY UPDATE} assigns left to right, each assignment seeing those before it,
     * so every column takes the guard of the row as it was, and the guard's own column comes last.
     * Unlike PostgreSQL and H2, MariaDB counts an update that leaves every column as it was as no
     * change, so such an event is reported unchanged (and announces nothing) rather than mirrored.
     */
    MARIADB("mariadb", "capydb_auth", false, "DATETIME(6)", "?") {
        @Override
        String recordDeliverySql() {
            return """
                    INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at) VALUES (?, ?, ?)
                    ON DUPLICATE KEY UPDATE provider = provider
                    """;
        }

        @Override
        String insertIfAbsent(String table, List<String> columns) {
            // Not INSERT IGNORE: it would also cut a value too long for its column instead of refusing it.
            return "INSERT INTO capydb_auth." + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + "?, ".repeat(columns.size() - 1) + "?) ON DUPLICATE KEY UPDATE " + columns.get(0) + " = "
                    + columns.get(0);
        }

        @Override
        String upsertSql(MirrorTable table) {
            String guard = "deleted_at IS NULL AND (VALUES(source_updated_at) IS NULL OR source_updated_at IS NULL"
                    + " OR VALUES(source_updated_at) >= source_updated_at)";
            return insert(table) + "ON DUPLICATE KEY UPDATE\n"
                    + assignments(table, column -> column + " = IF(" + guard + ", VALUES(" + column + "), " + column + ")")
                    + "\n";
        }

        @Override
        String insertNewSql(MirrorTable table) {
            String first = table.key.get(0).name();
            return insert(table) + "ON DUPLICATE KEY UPDATE " + first + " = " + first + "\n";
        }

        @Override
        String markDeletedSql(MirrorTable table) {
            return "INSERT INTO capydb_auth." + table.table + " (" + keyList(table) + ", deleted_at, raw) VALUES ("
                    + "?, ".repeat(table.key.size()) + "?, ?)\n"
                    + "ON DUPLICATE KEY UPDATE deleted_at = IF(deleted_at IS NULL, VALUES(deleted_at), deleted_at)\n";
        }

        private String insert(MirrorTable table) {
            return "INSERT INTO capydb_auth." + table.table + " (" + String.join(", ", rowColumns(table)) + ")\nVALUES ("
                    + "?, ".repeat(table.key.size() + table.columns.size() + 2) + "?)\n";
        }
    };

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
    /** The SQL type of the timestamp columns, for a cast of a parameter. */
    final String timestampType;
    /** How a parameter is written into the {@code raw} column. */
    final String json;
    private final Map<MirrorTable, Statements> statements = new EnumMap<>(MirrorTable.class);
    private final MirrorStatement recordDelivery;

    SqlDialect(String migrations, String schema, boolean timestampsWithZone, String timestampType, String json) {
        this.migrations = migrations;
        this.schema = schema;
        this.timestampsWithZone = timestampsWithZone;
        this.timestampType = timestampType;
        this.json = json;
        this.recordDelivery = new MirrorStatement(recordDeliverySql(), (statement, write) -> {
            statement.setString(1, write.provider());
            statement.setString(2, write.key());
            setInstant(statement, 3, write.receivedAt());
        });
    }

    /**
     * One table's statements on this database.
     *
     * @param upsert inserts the row, or updates it while it is not deleted with an event at least as new
     *     as its source time (an event without a source time cannot be placed, so it always applies to a
     *     live row); for the tables whose deletion is final
     * @param insertNew inserts the row of an object the table does not hold, and changes nothing otherwise
     *     (row count 0): for a snapshot, which must tell a new object from a known one, and for every write
     *     to a table whose rows come back
     * @param updateDeletedRow a deleted row keeps {@code deleted_at} and takes only events from before its
     *     deletion that are at least as new as its source time: they arrived late, but in-order delivery
     *     would have applied them too
     * @param markDeleted deletes a row of a table whose deletion is final (inserting it, deleted, when the
     *     table does not hold it yet)
     * @param update an existing row of a table whose rows come back takes an event newer than its source
     *     time, whatever its {@code deleted_at}, and one at least as new while it is live; a typed value
     *     the event lacks keeps the row's
     */
    record Statements(MirrorStatement upsert, MirrorStatement insertNew, MirrorStatement updateDeletedRow,
            MirrorStatement markDeleted, MirrorStatement update) {
    }

    /** Records a delivery's key; updates no row when it was recorded before. */
    MirrorStatement recordDelivery() {
        return recordDelivery;
    }

    /** Parameters: provider, delivery_id, received_at. */
    abstract String recordDeliverySql();

    /**
     * Parameters: {@code columns}, all text, which are (or include) the table's key. Inserts the row
     * unless one with its key exists, and then changes nothing.
     */
    abstract String insertIfAbsent(String table, List<String> columns);

    /** {@link Statements#upsert}; parameters: {@link MirrorStatement.Parameters#row()}. */
    abstract String upsertSql(MirrorTable table);

    /** {@link Statements#insertNew}; parameters: {@link MirrorStatement.Parameters#row()}. */
    abstract String insertNewSql(MirrorTable table);

    /** {@link Statements#markDeleted}; parameters: the key, {@code deleted_at}, {@code raw}. */
    abstract String markDeletedSql(MirrorTable table);

    Statements statements(MirrorTable table) {
        synchronized (statements) {
            return statements.computeIfAbsent(table, t -> t.deletionIsFinal
                    ? new Statements(parameters(t).row().of(upsertSql(t)), parameters(t).row().of(insertNewSql(t)),
                            updateDeletedRow(t), parameters(t).key().deletedAt().raw().of(markDeletedSql(t)), null)
                    : new Statements(null, parameters(t).row().of(insertNewSql(t)), null, null, update(t)));
        }
    }

    private MirrorStatement.Parameters parameters(MirrorTable table) {
        return new MirrorStatement.Parameters(this, table);
    }

    private MirrorStatement updateDeletedRow(MirrorTable table) {
        return parameters(table).values().raw().sourceTime().key().sourceTime().sourceTime().of("UPDATE capydb_auth."
                + table.table + " SET " + typedAssignments(table, column -> column + " = ?") + ", raw = " + json
                + ", source_updated_at = ?\nWHERE " + keyCondition(table)
                + " AND deleted_at >= ? AND (source_updated_at IS NULL OR source_updated_at <= ?)\n");
    }

    private MirrorStatement update(MirrorTable table) {
        String time = "CAST(? AS " + timestampType + ")";
        return parameters(table).values().deletedAt().raw().sourceTime().key().sourceTime().sourceTime().sourceTime()
                .of("UPDATE capydb_auth." + table.table + " SET "
                        + typedAssignments(table, column -> column + " = COALESCE(?, " + column + ")")
                        + ", deleted_at = ?, raw = " + json + ", source_updated_at = ?\nWHERE " + keyCondition(table)
                        + " AND ((deleted_at IS NULL AND (" + time + " IS NULL OR source_updated_at IS NULL OR " + time
                        + " >= source_updated_at)) OR " + time + " > source_updated_at)\n");
    }

    /** The columns of a whole row, in parameter order. */
    static List<String> rowColumns(MirrorTable table) {
        return table.names("deleted_at", "raw", "source_updated_at");
    }

    static String keyList(MirrorTable table) {
        return table.key.stream().map(MirrorTable.Column::name).collect(Collectors.joining(", "));
    }

    private static String keyCondition(MirrorTable table) {
        return table.key.stream().map(column -> column.name() + " = ?").collect(Collectors.joining(" AND "));
    }

    /** The assignment {@code assignment} makes of each typed column's name. */
    private static String typedAssignments(MirrorTable table, UnaryOperator<String> assignment) {
        return table.columns.stream().map(column -> assignment.apply(column.name())).collect(Collectors.joining(", "));
    }

    /**
     * The assignment {@code assignment} makes of each column an upsert sets: the typed columns,
     * {@code raw}, and last the guard's own {@code source_updated_at}.
     */
    private static String assignments(MirrorTable table, UnaryOperator<String> assignment) {
        List<String> columns = new ArrayList<>(table.columns.stream().map(MirrorTable.Column::name).toList());
        columns.addAll(List.of("raw", "source_updated_at"));
        return columns.stream().map(assignment).collect(Collectors.joining(", "));
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
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, timestampsWithZone ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
        } else if (timestampsWithZone) {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /** Reads a timestamp column as {@link #setInstant} writes it; {@code null} for SQL NULL. */
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        if (timestampsWithZone) {
            OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
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
}
