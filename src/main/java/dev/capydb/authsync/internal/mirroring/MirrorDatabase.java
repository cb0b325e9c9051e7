package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * The database that holds the mirror ({@code capydb_auth.users}, {@code organizations} and
 * {@code memberships}): the JTA datasource named by {@code capydb.auth.datasource}, migrated when
 * the application starts. A datasource that cannot
 * be found or migrated fails the deployment rather than the first webhook.
 */
@ApplicationScoped
public class MirrorDatabase {

    private static final Logger LOG = Logger.getLogger(MirrorDatabase.class.getName());
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    @Inject
    DeliveryKeyPruner retention;

    private Settings settings;
    private DataSource dataSource;
    private SqlDialect dialect;
    private int maxBatchSize;

    /** Called once, by {@code MirrorDatabaseStartup}. */
    public void start(ServletContext context) throws SQLException {
        settings = Settings.of(context);
        String name = settings.dataSource();
        try {
            open(InitialContext.doLookup(name));
        } catch (NamingException e) {
            throw new IllegalStateException("capydb-auth-sync: no datasource at " + name
                    + " (set " + Settings.DATASOURCE + ")", e);
        }
        maxBatchSize = settings.maxBatchSize();
        retention.start(dataSource, dialect, settings.deliveryRetention());
        LOG.info(() -> "capydb-auth-sync mirrors users, organizations and memberships into capydb_auth of " + name);
    }

    /**
     * Takes {@code dataSource} as the mirror's database: tells which database it is, creates or
     * upgrades {@code capydb_auth}, and makes sure it writes exactly what the statements say. Also for
     * tests, which open a database of their own without a server.
     */
    public void open(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            dialect = SqlDialect.of(connection.getMetaData());
        }
        SchemaMigrations.migrate(dataSource, dialect);
        try (Connection connection = dataSource.getConnection()) {
            dialect.requireExactWrites(connection);
        }
    }

    /**
     * Whether the database was opened: not yet while the application starts, and never where the
     * library is switched off ({@code capydb.auth.enabled=false}) or left out of the application.
     */
    public boolean started() {
        return settings != null;
    }

    /**
     * The application's settings, read as it started: for beans that, unlike this one, are not
     * handed the {@code ServletContext} (Payara cannot inject it into a bean first used outside a
     * request, as health checks are).
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Why deliveries cannot be written now, or empty when they can: the database answers and holds
     * every migration of this version.
     */
    public Optional<String> unavailability() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return Optional.of("the database does not answer within " + VALIDATION_TIMEOUT_SECONDS + " s");
            }
        } catch (SQLException e) {
            return Optional.of("the database does not answer (" + MirrorException.reason(e) + ")");
        }
        try {
            int pending = SchemaMigrations.pending(dataSource, dialect);
            return pending == 0 ? Optional.empty()
                    : Optional.of(pending + " migration(s) of capydb_auth are not applied");
        } catch (FlywayException e) {
            return Optional.of("the migrations of capydb_auth cannot be read (" + MirrorException.reason(e) + ")");
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** How to write to this database. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** The most deliveries one transaction writes ({@code capydb.auth.max-batch-size}). */
    int maxBatchSize() {
        return maxBatchSize;
    }
}
