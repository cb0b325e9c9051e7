package dev.capydb.authsync.internal.mirroring;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The mirror's writes for each supported database: single statements that insert or update
 * atomically, so concurrent deliveries for one user never collide on the primary key. A deleted
 * user's row is never changed again (no resurrection by a late create or update).
 */
enum SqlDialect {

    POSTGRESQL("postgresql", "capydb_auth",
            """
            INSERT INTO capydb_auth.users AS u (id, email, first_name, last_name, username, image_url,
                created_at, updated_at, last_sign_in_at, raw)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name,
                last_name = EXCLUDED.last_name, username = EXCLUDED.username, image_url = EXCLUDED.image_url,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                last_sign_in_at = EXCLUDED.last_sign_in_at, raw = EXCLUDED.raw
            WHERE u.deleted_at IS NULL
            """,
            """
            INSERT INTO capydb_auth.users AS u (id, deleted_at, raw) VALUES (?, ?, CAST(? AS jsonb))
            ON CONFLICT (id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at
            WHERE u.deleted_at IS NULL
            """),

    H2("h2", "CAPYDB_AUTH",
            """
            MERGE INTO capydb_auth.users AS u
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE),
                CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), ? FORMAT JSON))
                AS s(id, email, first_name, last_name, username, image_url, created_at, updated_at,
                     last_sign_in_at, raw)
            ON u.id = s.id
            WHEN MATCHED AND u.deleted_at IS NULL THEN UPDATE SET email = s.email, first_name = s.first_name,
                last_name = s.last_name, username = s.username, image_url = s.image_url,
                created_at = s.created_at, updated_at = s.updated_at, last_sign_in_at = s.last_sign_in_at,
                raw = s.raw
            WHEN NOT MATCHED THEN INSERT (id, email, first_name, last_name, username, image_url, created_at,
                updated_at, last_sign_in_at, raw)
                VALUES (s.id, s.email, s.first_name, s.last_name, s.username, s.image_url, s.created_at,
                        s.updated_at, s.last_sign_in_at, s.raw)
            """,
            """
            MERGE INTO capydb_auth.users AS u
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE), ? FORMAT JSON))
                AS s(id, deleted_at, raw)
            ON u.id = s.id
            WHEN MATCHED AND u.deleted_at IS NULL THEN UPDATE SET deleted_at = s.deleted_at
            WHEN NOT MATCHED THEN INSERT (id, deleted_at, raw) VALUES (s.id, s.deleted_at, s.raw)
            """);

    /** The folder of this database's migrations under {@code db/capydb-auth}. */
    final String migrations;
    /** The schema's name as the database stores the unquoted {@code capydb_auth} of the SQL and the entity. */
    final String schema;
    /** Parameters: id, email, first_name, last_name, username, image_url, created_at, updated_at, last_sign_in_at, raw. */
    final String upsert;
    /** Parameters: id, deleted_at, raw (used only when the row does not exist yet). */
    final String markDeleted;

    SqlDialect(String migrations, String schema, String upsert, String markDeleted) {
        this.migrations = migrations;
        this.schema = schema;
        this.upsert = upsert;
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
        throw new IllegalStateException("capydb-auth-sync does not support " + metaData.getDatabaseProductName()
                + " yet; use PostgreSQL or H2");
    }
}
