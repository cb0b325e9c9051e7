package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.metrics.ReceiverMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * How fresh the mirror is of each provider: when it last accepted a delivery from it, on any node,
 * and when it was last reconciled. A delivery is noted in memory only; every
 * {@value #SHARE_SECONDS} seconds each node writes its latest to {@code capydb_auth.providers} and
 * reads back what all nodes wrote, so that the health check and the gauges say the same on every
 * node behind a load balancer, whichever received the deliveries, without a write per delivery.
 */
@ApplicationScoped
public class ProviderFreshness implements ReceiverMetrics.Freshness {

    static final int SHARE_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(ProviderFreshness.class.getName());
    private static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    @Inject
    FreshnessStore store;

    private final Instant started = Instant.now();
    /** This node's latest accepted delivery by provider, as epoch milliseconds. */
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    /** The latest reconciliation this node completed, by provider: known here before the next exchange. */
    private final Map<String, Instant> reconciled = new ConcurrentHashMap<>();
    /** What the nodes recorded, as of the last exchange. */
    private volatile Map<String, FreshnessStore.Freshness> shared = Map.of();
    private Map<String, Duration> maxSilence = Map.of();
    private ScheduledFuture<?> schedule;
    /** Whether the last exchange failed: a failure is logged once, not every few seconds. */
    private volatile boolean failing;

    /** Starts sharing every few seconds, for the providers that have a secret. */
    public void start(Settings settings, List<String> providers) {
        Map<String, Duration> bounds = new HashMap<>();
        providers.forEach(provider -> settings.maxSilence(provider).ifPresent(bound -> bounds.put(provider, bound)));
        maxSilence = Map.copyOf(bounds);
        try {
            // Not on the starting thread: Open Liberty keeps the connections it closed until the application
            // has started, and a small pool would have none left.
            ManagedScheduledExecutorService scheduler = InitialContext.doLookup(SCHEDULER);
            schedule = scheduler.scheduleWithFixedDelay(this::exchange, 0, SHARE_SECONDS, TimeUnit.SECONDS);
        } catch (NamingException e) {
            LOG.warning("capydb-auth-sync found no " + SCHEDULER + ": freshness is this node's own");
        }
    }

    /** A delivery from {@code provider} was accepted now. */
    public void delivered(String provider) {
        delivered.put(provider, System.currentTimeMillis());
    }

    /** This node completed a reconciliation of {@code provider} that started {@code at} (and recorded it). */
    public void reconciled(String provider, Instant at) {
        reconciled.merge(provider, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes this node's latest deliveries and reads every node's; a database away now is tried again next time. */
    void exchange() {
        try {
            Map<String, Instant> latest = new HashMap<>();
            delivered.forEach((provider, millis) -> latest.put(provider, Instant.ofEpochMilli(millis)));
            store.delivered(latest);
            shared = Map.copyOf(store.read());
            if (failing) {
                failing = false;
                LOG.info("capydb-auth-sync shares the providers' freshness again");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(failing ? Level.FINE : Level.WARNING, "capydb-auth-sync could not share the providers' freshness"
                    + " (tried again every " + SHARE_SECONDS + " s): " + MirrorException.reason(e), failing ? e : null);
            failing = true;
        }
    }

    /** The last delivery accepted from {@code provider} by any node, if any. */
    public Optional<Instant> lastDelivery(String provider) {
        Long mine = delivered.get(provider);
        Instant theirs = Optional.ofNullable(shared.get(provider)).map(FreshnessStore.Freshness::lastDelivery)
                .orElse(null);
        Instant own = mine == null ? null : Instant.ofEpochMilli(mine);
        return theirs == null || (own != null && own.isAfter(theirs)) ? Optional.ofNullable(own) : Optional.of(theirs);
    }

    /** When the last reconciliation of {@code provider} that held nothing back started, if any. */
    public Optional<Instant> lastReconciled(String provider) {
        Instant mine = reconciled.get(provider);
        Instant theirs = Optional.ofNullable(shared.get(provider)).map(FreshnessStore.Freshness::lastReconciled)
                .orElse(null);
        return theirs == null || (mine != null && mine.isAfter(theirs)) ? Optional.ofNullable(mine) : Optional.of(theirs);
    }

    /** How long {@code provider} has sent nothing beyond its bound ({@code capydb.auth.<provider>.max-silence}), if it has. */
    public Optional<Duration> silence(String provider) {
        Duration bound = maxSilence.get(provider);
        if (bound == null) {
            return Optional.empty();
        }
        Duration silence = silentFor(provider);
        return silence.compareTo(bound) > 0 ? Optional.of(silence) : Optional.empty();
    }

    /** Since the last delivery from {@code provider}, or since this receiver started if there was none. */
    private Duration silentFor(String provider) {
        return Duration.between(lastDelivery(provider).orElse(started), Instant.now());
    }

    @Override
    public double secondsSinceDelivery(String provider) {
        return silentFor(provider).toMillis() / 1000.0;
    }

    @Override
    public double secondsSinceReconciliation(String provider) {
        return lastReconciled(provider).map(at -> Duration.between(at, Instant.now()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    @Override
    public double silent(String provider) {
        return !maxSilence.containsKey(provider) ? Double.NaN : silence(provider).isPresent() ? 1 : 0;
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
