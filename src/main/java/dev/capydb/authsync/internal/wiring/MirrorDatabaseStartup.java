package dev.capydb.authsync.internal.wiring;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import dev.capydb.authsync.internal.mirroring.ProviderFreshness;
import dev.capydb.authsync.internal.providers.Provider;
import dev.capydb.authsync.internal.reconciliation.ReconciliationSchedule;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Opens and migrates the mirror database when the web application starts, so that a datasource
 * that cannot be found or migrated fails the deployment; then starts sharing the providers'
 * freshness and the scheduled reconciliations. Added by {@code CapydbAuthInitializer}: a
 * servlet listener runs at the same point on every server, where CDI's
 * {@code @Initialized(ApplicationScoped.class)} event does not reach a library's beans on Payara.
 */
public class MirrorDatabaseStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(MirrorDatabaseStartup.class.getName());

    @Inject
    MirrorDatabase database;

    @Inject
    ProviderFreshness freshness;

    @Inject
    ReconciliationSchedule reconciliations;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            database.start(event.getServletContext());
            Settings settings = database.settings();
            freshness.start(settings, Provider.configured(settings));
            reconciliations.start(settings);
        } catch (SQLException e) {
            throw logged(new IllegalStateException("capydb-auth-sync: the mirror database could not be opened"
                    + " (SQLState " + e.getSQLState() + ")", e));
        } catch (IllegalStateException e) {
            throw logged(e);
        }
    }

    /** As the initializer does: Open Liberty shows a failed start's exception in FFDC files only. */
    private static IllegalStateException logged(IllegalStateException refusal) {
        LOG.severe(refusal.getMessage());
        return refusal;
    }
}
