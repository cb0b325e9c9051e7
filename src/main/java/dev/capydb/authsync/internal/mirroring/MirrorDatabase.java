package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The database that holds {@code capydb_auth.users}: the JTA datasource named by
 * {@code capydb.auth.datasource}, migrated when the application starts. A datasource that cannot
 * be found or migrated fails the deployment rather than the first webhook.
 */
@ApplicationScoped
public class MirrorDatabase {

    private static final Logger LOG = Logger.getLogger(MirrorDatabase.class.getName());

    @Inject
    DeliveryRetention retention;

    private DataSource dataSource;
    private SqlDialect dialect;
    private int maxBatchSize;

    /** Called once, by {@link MirrorDatabaseStartup}. */
    void start(ServletContext context) throws SQLException {
        Settings settings = Settings.of(context);
        String name = settings.dataSource();
        try {
            dataSource = InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("capydb-auth-sync: no datasource at " + name
                    + " (set " + Settings.DATASOURCE + ")", e);
        }
        try (Connection connection = dataSource.getConnection()) {
            dialect = SqlDialect.of(connection.getMetaData());
        }
        maxBatchSize = settings.maxBatchSize();
        SchemaMigrations.migrate(dataSource, dialect);
        retention.start(dataSource, settings.deliveryRetention());
        LOG.info(() -> "capydb-auth-sync mirrors users into capydb_auth.users of " + name);
    }

    DataSource dataSource() {
        return dataSource;
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** The most deliveries one transaction writes ({@code capydb.auth.max-batch-size}). */
    int maxBatchSize() {
        return maxBatchSize;
    }
}
