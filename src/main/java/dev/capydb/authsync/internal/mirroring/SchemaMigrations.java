package dev.capydb.authsync.internal.mirroring;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the {@code capydb_auth} schema with Flyway, keeping Flyway's history table
 * inside that schema so it never meets the application's own migrations, and running only the
 * library's migrations: its Flyway sees neither the application's migrations nor its callbacks
 * ({@link MigrationClassLoader}). Each migration folder holds an empty {@code flyway.location}, by which
 * a folder is found where the server's class loader resolves no folder inside a JAR (Open Liberty).
 */
final class SchemaMigrations {

    /** One per deployment: this class is the application's, loaded by its class loader. */
    private static final ClassLoader LOADER = new MigrationClassLoader(SchemaMigrations.class.getClassLoader());

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
        return Flyway.configure(LOADER)
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
