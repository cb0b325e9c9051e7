package dev.capydb.authsync.internal.mirroring;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the {@code capydb_auth} schema with Flyway, keeping Flyway's history table
 * inside that schema so it never meets the application's own migrations. Each migration folder holds an
 * empty {@code flyway.location}: Open Liberty's class loader resolves no folder inside a JAR, and Flyway
 * finds its locations there through that file (its documented way for WebSphere's class loaders).
 */
final class SchemaMigrations {

    private SchemaMigrations() {
    }

    static void migrate(DataSource dataSource, SqlDialect dialect) {
        flyway(dataSource, dialect).migrate();
    }

    /** How many of this version's migrations the database lacks. */
    static int pending(DataSource dataSource, SqlDialect dialect) {
        return flyway(dataSource, dialect).info().pending().length;
    }

    private static Flyway flyway(DataSource dataSource, SqlDialect dialect) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(dialect.schema)
                .defaultSchema(dialect.schema)
                .createSchemas(true)
                .table("flyway_schema_history")
                .locations("classpath:db/capydb-auth/" + dialect.migrations)
                .failOnMissingLocations(true)
                .load();
    }
}
