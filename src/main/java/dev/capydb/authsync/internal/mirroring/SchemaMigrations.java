package dev.capydb.authsync.internal.mirroring;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the {@code capydb_auth} schema with Flyway, keeping Flyway's history table
 * inside that schema so it never meets the application's own migrations.
 */
final class SchemaMigrations {

    private SchemaMigrations() {
    }

    static void migrate(DataSource dataSource, SqlDialect dialect) {
        Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(dialect.schema)
                .defaultSchema(dialect.schema)
                .createSchemas(true)
                .table("flyway_schema_history")
                .locations("classpath:db/capydb-auth/" + dialect.migrations)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
