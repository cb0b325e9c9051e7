package dev.capydb.authsync.internal.mirroring;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Forgets recorded deliveries once they are older than the retention period, every hour on the
 * server's managed scheduler. The period must outlast every sender's retry window (about 27 hours
 * for the longest in use), or a very late retry would be applied a second time. Several nodes may
 * prune at once; the deletes do not conflict.
 */
@ApplicationScoped
public class DeliveryKeyPruner {

    private static final Logger LOG = Logger.getLogger(DeliveryKeyPruner.class.getName());
    private static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    private DataSource dataSource;
    private SqlDialect dialect;
    private Duration retention;
    private ScheduledFuture<?> schedule;

    void start(DataSource dataSource, SqlDialect dialect, Duration retention) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.retention = retention;
        try {
            ManagedScheduledExecutorService scheduler = InitialContext.doLookup(SCHEDULER);
            schedule = scheduler.scheduleAtFixedRate(this::pruneQuietly, 0, 1, TimeUnit.HOURS);
        } catch (NamingException e) {
            LOG.warning("capydb-auth-sync found no " + SCHEDULER
                    + "; recorded deliveries are not pruned and capydb_auth.deliveries grows");
        }
    }

    /**
     * Deletes the deliveries received before now minus the retention period.
     *
     * @return how many were deleted
     */
    public int prune() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SqlDialect.PRUNE_DELIVERIES)) {
            dialect.setInstant(statement, 1, Instant.now().minus(retention));
            return statement.executeUpdate();
        }
    }

    private void pruneQuietly() {
        try {
            int pruned = prune();
            LOG.fine(() -> "capydb-auth-sync pruned " + pruned + " recorded deliveries");
        } catch (SQLException | RuntimeException e) {
            // The next run tries again; a database that is down now is no reason to stop pruning.
            LOG.log(Level.WARNING, "capydb-auth-sync could not prune recorded deliveries", e);
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
