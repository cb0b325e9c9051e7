package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
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
import java.util.Optional;
import java.util.Set;

/**
 * One of Better Auth's own tables, read page by page in the order of its primary key, each row as
 * the body Better Auth would have sent for it: {@code user}, and the organization plugin's
 * {@code organization} and {@code member}. Its names are Better Auth's (quoted camelCase, the
 * reserved word {@code user} as a table), each replaceable by a setting; optional columns (the
 * username plugin's, an organization's {@code logo}) are read when the table has them.
 */
final class BetterAuthTable {

    static final String PROVIDER = "better-auth";
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** A Better Auth model the backfill reads, in the order it reads them. */
    enum Model {
        USER(NormalizedEvent.Subject.USER, "user", "", "user.updated", List.of("id", "name", "email", "emailVerified", "image", "createdAt",
                "updatedAt", "username", "displayUsername"), Set.of("username", "displayUsername", "image", "emailVerified")),
        ORGANIZATION(NormalizedEvent.Subject.ORGANIZATION, "organization", "organization.", "organization.updated",
                List.of("id", "name", "slug", "logo", "createdAt", "metadata"), Set.of("slug", "logo", "metadata")),
        MEMBER(NormalizedEvent.Subject.MEMBERSHIP, "member", "member.", "member.added", List.of("id", "organizationId", "userId", "role", "createdAt"),
                Set.of());

        /** The mirror's table a row becomes a row of. */
        final NormalizedEvent.Subject subject;
        /** The table's name, and the body's member that holds a row. */
        final String name;
        /** Where its settings begin after {@code capydb.auth.backfill.better-auth.}: the user's have no prefix. */
        final String settings;
        /** The event whose body a row becomes; a backfill applies it as a snapshot, whatever its name. */
        final String event;
        /** Better Auth's fields: the JSON member names, and each column's default name. */
        final List<String> fields;
        final Set<String> optional;

        Model(NormalizedEvent.Subject subject, String name, String settings, String event, List<String> fields, Set<String> optional) {
            this.subject = subject;
            this.name = name;
            this.settings = settings;
            this.event = event;
            this.fields = fields;
            this.optional = optional;
        }

        /** The setting {@code name} of this model, e.g. {@code organization.table}. */
        String setting(String name) {
            return settings + name;
        }
    }

    private final Model model;
    private final String table;
    /** Column name by field, of the fields the table has. */
    private final Map<String, String> columns;
    private final String firstPage;
    private final String nextPage;

    private BetterAuthTable(Model model, String table, Map<String, String> columns, String quote) {
        this.model = model;
        this.table = table;
        this.columns = columns;
        String select = String.join(", ", columns.values().stream().map(column -> quoted(quote, column)).toList());
        String id = quoted(quote, columns.get("id"));
        this.firstPage = "SELECT " + select + " FROM " + table + " ORDER BY " + id + " LIMIT ?";
        this.nextPage = "SELECT " + select + " FROM " + table + " WHERE " + id + " > ? ORDER BY " + id + " LIMIT ?";
    }

    /**
     * The model's table as the settings name it, with the columns it has; empty for the organization
     * plugin's tables where the database has none under their default names (the plugin is not in
     * use). Refuses a table without a required column, and a table the settings name that is not there.
     */
    static Optional<BetterAuthTable> of(Model model, Settings settings, Connection connection) throws SQLException {
        // The database's own quote: a backtick on MariaDB, a double quote on PostgreSQL and H2.
        String quote = connection.getMetaData().getIdentifierQuoteString();
        Optional<String> named = settings.backfill(PROVIDER, model.setting("table"));
        String table = settings.backfill(PROVIDER, "schema").map(schema -> quoted(quote, schema) + ".").orElse("")
                + quoted(quote, named.orElse(model.name));
        Set<String> present = new HashSet<>();
        try (PreparedStatement probe = connection.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
                ResultSet empty = probe.executeQuery()) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                present.add(meta.getColumnName(i));
            }
        } catch (SQLException absent) {
            if (model == Model.USER || named.isPresent()) {
                throw absent;
            }
            return Optional.empty();
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String field : model.fields) {
            String column = settings.backfill(PROVIDER, model.setting("column." + field)).orElse(field);
            if (present.contains(column)) {
                columns.put(field, column);
            } else if (!model.optional.contains(field)) {
                throw new IllegalStateException("Better Auth's " + model.name + " table " + table + " has no column "
                        + column + " (set " + Settings.backfillKey(PROVIDER, model.setting("column." + field))
                        + " to its name)");
            }
        }
        return Optional.of(new BetterAuthTable(model, table, columns, quote));
    }

    Model model() {
        return model;
    }

    long count(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table);
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Up to {@code size} rows after {@code afterId} (from the first if {@code null}), each as a webhook body. */
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

    /** A row's id and the body Better Auth would have sent for its last change. */
    record Row(String id, JsonObject body) {
    }

    private Row row(ResultSet result) throws SQLException {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        ResultSetMetaData meta = result.getMetaData();
        int index = 1;
        for (String field : columns.keySet()) {
            Object value = field.endsWith("At") ? instant(result, index, meta.getColumnTypeName(index))
                    : result.getObject(index);
            index++;
            if (value == null) {
                object.addNull(field);
            } else if (value instanceof Boolean flag) {
                object.add(field, flag);
            } else if (field.equals("metadata")) {
                object.add(field, json(value.toString()));
            } else {
                object.add(field, value.toString());
            }
        }
        JsonObject body = JSON.createObjectBuilder().add("event", model.event).add(model.name, object).build();
        return new Row(result.getString(1), body);
    }

    /** Metadata as Better Auth hands it out: the JSON it stores as text, parsed; the text itself if it is not JSON. */
    private static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException notJson) {
            return Json.createValue(text);
        }
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
