package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.config.Settings;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Better Auth's own {@code user} table, read page by page in the order of its primary key, each row
 * as the {@code user.updated} body Better Auth would have sent for it. Its names are Better Auth's
 * (quoted camelCase, the reserved word {@code user} as the table), each replaceable by a setting;
 * the username plugin's two columns are read when the table has them.
 */
final class BetterAuthUserTable {

    static final String PROVIDER = "better-auth";
    /** Better Auth's user fields: the JSON member names, and each column's default name. */
    static final List<String> FIELDS = List.of("id", "name", "email", "emailVerified", "image", "createdAt",
            "updatedAt", "username", "displayUsername");
    private static final Set<String> OPTIONAL = Set.of("username", "displayUsername", "image", "emailVerified");
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private final String table;
    /** Column name by field, of the fields the table has. */
    private final Map<String, String> columns;
    private final String firstPage;
    private final String nextPage;

    private BetterAuthUserTable(String table, Map<String, String> columns, String quote) {
        this.table = table;
        this.columns = columns;
        String select = String.join(", ", columns.values().stream().map(column -> quoted(quote, column)).toList());
        String id = quoted(quote, columns.get("id"));
        this.firstPage = "SELECT " + select + " FROM " + table + " ORDER BY " + id + " LIMIT ?";
        this.nextPage = "SELECT " + select + " FROM " + table + " WHERE " + id + " > ? ORDER BY " + id + " LIMIT ?";
    }

    /** The table as the settings name it, with the columns it has; refuses one without a required column. */
    static BetterAuthUserTable of(Settings settings, Connection connection) throws SQLException {
        // The database's own quote: a backtick on MariaDB, a double quote on PostgreSQL and H2.
        String quote = connection.getMetaData().getIdentifierQuoteString();
        String table = settings.backfill(PROVIDER, "schema").map(schema -> quoted(quote, schema) + ".").orElse("")
                + quoted(quote, settings.backfill(PROVIDER, "table").orElse("user"));
        Set<String> present = new HashSet<>();
        try (PreparedStatement probe = connection.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
                ResultSet empty = probe.executeQuery()) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                present.add(meta.getColumnName(i));
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String column = settings.backfill(PROVIDER, "column." + field).orElse(field);
            if (present.contains(column)) {
                columns.put(field, column);
            } else if (!OPTIONAL.contains(field)) {
                throw new IllegalStateException("Better Auth's user table " + table + " has no column " + column
                        + " (set " + Settings.backfillKey(PROVIDER, "column." + field) + " to its name)");
            }
        }
        return new BetterAuthUserTable(table, columns, quote);
    }

    long count(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table);
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Up to {@code size} users after {@code afterId} (from the first if {@code null}), each as a webhook body. */
    List<Row> page(Connection connection, String afterId, int size) throws SQLException {
        List<Row> rows = new ArrayList<>(size);
        try (PreparedStatement select = connection.prepareStatement(afterId == null ? firstPage : nextPage)) {
            int parameter = 1;
            if (afterId != null) {
                select.setString(parameter++, afterId);
            }
            select.setInt(parameter, size);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
        }
        return rows;
    }

    /** A user's id and the body Better Auth would have sent for its last change. */
    record Row(String id, JsonObject body) {
    }

    private Row row(ResultSet result) throws SQLException {
        JsonObjectBuilder user = JSON.createObjectBuilder();
        ResultSetMetaData meta = result.getMetaData();
        int index = 1;
        for (String field : columns.keySet()) {
            Object value = field.endsWith("At") ? instant(result, index, meta.getColumnTypeName(index))
                    : result.getObject(index);
            index++;
            if (value == null) {
                user.addNull(field);
            } else if (value instanceof Boolean flag) {
                user.add(field, flag);
            } else {
                user.add(field, value.toString());
            }
        }
        JsonObject body = JSON.createObjectBuilder().add("event", "user.updated").add("user", user).build();
        return new Row(result.getString(1), body);
    }

    /**
     * A date column in UTC, as Better Auth writes dates in JSON. A column without zone is read as
     * UTC, whatever the server's zone: Better Auth writes UTC there.
     */
    private static Instant instant(ResultSet result, int index, String type) throws SQLException {
        String name = type.toLowerCase(Locale.ROOT);
        if (name.contains("tz") || name.contains("time zone")) {
            OffsetDateTime zoned = result.getObject(index, OffsetDateTime.class);
            return zoned == null ? null : zoned.toInstant();
        }
        LocalDateTime local = result.getObject(index, LocalDateTime.class);
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
    }

    private static String quoted(String quote, String name) {
        return quote + name.replace(quote, quote + quote) + quote;
    }
}
