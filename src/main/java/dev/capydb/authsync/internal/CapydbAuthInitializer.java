package dev.capydb.authsync.internal;

import dev.capydb.authsync.internal.backfill.BackfillEndpoint;
import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.metrics.MetricsEndpoint;
import dev.capydb.authsync.internal.metrics.MetricsStartup;
import dev.capydb.authsync.internal.mirroring.MirrorDatabaseStartup;
import dev.capydb.authsync.internal.receiving.WebhookApplication;
import dev.capydb.authsync.internal.verification.SignatureScheme;
import dev.capydb.authsync.internal.verification.WebhookSignatureFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Installs the receiver's signature filter when the JAR is in {@code WEB-INF/lib}: in front of the
 * receiver's JAX-RS application (deployed by the server's JAX-RS runtime at
 * {@link WebhookApplication#PATH}) and, when {@code capydb.auth.path} names another path, on that
 * path too, from where the filter forwards verified requests to the application. It also has the
 * mirror database opened and migrated as the application starts.
 */
public final class CapydbAuthInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(CapydbAuthInitializer.class.getName());
    static final String FILTER_NAME = "capydb-auth-webhook-signature";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Settings settings = Settings.of(context);
        String path = settings.path();
        WebhookSignatureFilter verifier = new WebhookSignatureFilter(settings, schemes(settings), WebhookApplication.PATH);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, verifier);
        filter.setAsyncSupported(true);
        // Always on the application's own path too, so that it is never reached unverified.
        Set<String> patterns = new LinkedHashSet<>(List.of(WebhookApplication.PATH + "/*", path));
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, patterns.toArray(String[]::new));
        context.addListener(MirrorDatabaseStartup.class);
        context.addListener(MetricsStartup.class);
        if (settings.metricsAccess().enabled()) {
            context.addServlet("capydb-auth-metrics", new MetricsEndpoint(settings.metricsAccess()))
                    .addMapping(MetricsEndpoint.PATH);
        }
        settings.backfillSecret().ifPresent(secret -> context.addServlet("capydb-auth-backfill",
                new BackfillEndpoint(secret)).addMapping(BackfillEndpoint.PATH + "/*"));
        LOG.info(() -> "capydb-auth-sync receives webhooks at " + path);
    }

    /** The signature scheme of every provider that has a secret; the others stay disabled (404). */
    private static Map<String, SignatureScheme> schemes(Settings settings) {
        Map<String, SignatureScheme> schemes = new LinkedHashMap<>();
        for (Provider provider : Provider.values()) {
            List<String> secrets = settings.secrets(provider.id());
            if (!secrets.isEmpty()) {
                schemes.put(provider.id(), provider.signatureScheme(secrets, settings.tolerance(), Clock.systemUTC()));
            }
        }
        LOG.info(() -> "capydb-auth-sync receives webhooks of " + schemes.keySet());
        return schemes;
    }
}
