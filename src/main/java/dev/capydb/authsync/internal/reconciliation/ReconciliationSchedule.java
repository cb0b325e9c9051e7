package dev.capydb.authsync.internal.reconciliation;

import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.internal.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs each provider's reconciliation every {@code capydb.auth.reconcile.<provider>.every} on the
 * server's managed scheduler, once across all nodes that share the database. Every node looks at
 * the same moments, multiples of a tick (the period, at most a minute) since the epoch, so that
 * nodes started at different times agree on them; at each, the run is due when the last one, on
 * any node, started a period ago (less half a tick), and the node whose run takes the provider's
 * lock runs it while the others find it taken.
 */
@ApplicationScoped
public class ReconciliationSchedule {

    static final Duration LONGEST_TICK = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(ReconciliationSchedule.class.getName());
    private static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    @Inject
    ReconciliationJobs jobs;

    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    /** Schedules the providers with a source that have a period. */
    public void start(Settings settings) {
        List<String> scheduled = new ArrayList<>();
        for (String provider : ReconciliationJobs.JOBS.keySet()) {
            settings.reconcileEvery(provider).ifPresent(every -> {
                scheduled.add(provider);
                schedule(provider, every);
            });
        }
        if (!scheduled.isEmpty()) {
            LOG.info(() -> "capydb-auth-sync reconciles " + scheduled + " on a schedule");
        }
    }

    private void schedule(String provider, Duration every) {
        Duration tick = every.compareTo(LONGEST_TICK) < 0 ? every : LONGEST_TICK;
        long tickMillis = tick.toMillis();
        long delay = tickMillis - System.currentTimeMillis() % tickMillis;
        try {
            ManagedScheduledExecutorService scheduler = InitialContext.doLookup(SCHEDULER);
            synchronized (schedules) {
                schedules.add(scheduler.scheduleAtFixedRate(() -> tick(provider, every, tick), delay, tickMillis,
                        TimeUnit.MILLISECONDS));
            }
        } catch (NamingException e) {
            throw new IllegalStateException("capydb-auth-sync: capydb.auth.reconcile." + provider
                    + ".every needs the server's " + SCHEDULER + ", which it does not have", e);
        }
    }

    private void tick(String provider, Duration every, Duration tick) {
        try {
            Instant dueBefore = Instant.now().minus(every).plus(tick.dividedBy(2));
            Optional<ReconciliationRun> run = jobs.start(provider, dueBefore, false);
            run.ifPresent(started -> LOG.fine(() -> "capydb-auth-sync started reconciliation " + started.id()));
        } catch (RuntimeException e) {
            // The next tick tries again: a database away now is no reason to stop reconciling.
            LOG.log(Level.WARNING, "capydb-auth-sync could not start the scheduled reconciliation of " + provider, e);
        }
    }

    @PreDestroy
    void stop() {
        synchronized (schedules) {
            schedules.forEach(schedule -> schedule.cancel(false));
        }
    }
}
