package dev.capydb.authsync.internal.wiring;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.metrics.MetricsEndpoint;
import dev.capydb.authsync.internal.metrics.ReceiverMetrics;
import dev.capydb.authsync.internal.mirroring.ProviderFreshness;
import dev.capydb.authsync.internal.providers.Provider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Starts the receiver's meters with the application: on the application's own {@link MeterRegistry}
 * bean when it has one (so they go wherever its other meters go), else, when the metrics endpoint is
 * enabled, on a Prometheus registry of the receiver's own; otherwise nothing is counted. Added by
 * {@code CapydbAuthInitializer}, like the mirror database's startup.
 */
public class MetricsStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(MetricsStartup.class.getName());

    @Inject
    Instance<MeterRegistry> applicationRegistry;

    @Inject
    ProviderFreshness freshness;

    private PrometheusMeterRegistry ownRegistry;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Settings settings = Settings.of(event.getServletContext());
        MeterRegistry registry;
        if (applicationRegistry.isResolvable()) {
            registry = applicationRegistry.get();
        } else if (settings.metricsAccess().enabled()) {
            registry = ownRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        } else {
            return;
        }
        ReceiverMetrics.start(registry, Provider.ids(), Provider.configured(settings), settings.maxBatchSize(), freshness);
        LOG.info(() -> "capydb-auth-sync counts deliveries on " + (ownRegistry == null
                ? "the application's MeterRegistry" : "its own Prometheus registry")
                + "; metrics endpoint " + MetricsEndpoint.PATH + ": " + settings.metricsAccess());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ReceiverMetrics.stop();
        if (ownRegistry != null) {
            ownRegistry.close();
        }
    }
}
