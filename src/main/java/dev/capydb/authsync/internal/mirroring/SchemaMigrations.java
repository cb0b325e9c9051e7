package dev.capydb.authsync.internal.mirroring;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the {@code capydb_auth} schema with Flyway, keeping Flyway's history table
 * inside that schema so it never meets the application's own migrations.
 */
final class SchemaMigrations {

    static final String SCHEMA = "capydb_auth";

    private SchemaMigrations() {
    }

    static void migrate(DataSource dataSource, SqlDialect dialect) {
        Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table("flyway_schema_history")
                .locations("classpath:db/capydb-auth/" + dialect.migrations)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
