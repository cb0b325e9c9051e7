package dev.capydb.authsync.internal.wiring;

import dev.capydb.authsync.AuthSyncDefinition;
import dev.capydb.authsync.AuthSyncFilter;
import dev.capydb.authsync.internal.backfill.BackfillEndpoint;
import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.metrics.MetricsEndpoint;
import dev.capydb.authsync.internal.providers.Provider;
import dev.capydb.authsync.internal.reconciliation.ReconciliationEndpoint;
import dev.capydb.authsync.internal.verification.SignatureScheme;
import dev.capydb.authsync.internal.verification.WebhookSignatureFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Installs the receiver when the JAR is in {@code WEB-INF/lib}: reads the settings (the container
 * hands it the classes annotated with {@link AuthSyncDefinition}), puts the signature filter in front
 * of the receiver's JAX-RS application (deployed by the server's JAX-RS runtime at
 * {@link Settings#RECEIVER_PATH}) and on {@code capydb.auth.path}, and has the mirror database
 * opened and migrated as the application starts. With {@code capydb.auth.enabled=false} it installs
 * nothing. An application that declares the filter in its {@code web.xml} ({@link AuthSyncFilter})
 * keeps its mapping.
 */
@HandlesTypes(AuthSyncDefinition.class)
public final class CapydbAuthInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(CapydbAuthInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> definitionClasses, ServletContext context) {
        try {
            start(definitionClasses, context);
        } catch (RuntimeException e) {
            // Open Liberty puts a failed start's exception in an FFDC file only (and in its log once per
            // kind of failure), so the reason is also logged here, on every server.
            LOG.severe(e.getMessage());
            throw e;
        }
    }

    private static void start(Set<Class<?>> definitionClasses, ServletContext context) {
        Settings settings = Settings.read(context, definitionClasses == null ? Set.of() : definitionClasses);
        if (!settings.enabled()) {
            LOG.info(() -> "capydb-auth-sync is switched off (" + Settings.ENABLED + "=false) in "
                    + context.getContextPath() + "/: no receiver, no metrics or backfill calls, no migration,"
                    + " no timer");
            return;
        }
        List<String> paths = installFilter(context, settings);
        context.addListener(MirrorDatabaseStartup.class);
        context.addListener(MetricsStartup.class);
        if (settings.metricsAccess().enabled()) {
            context.addServlet("capydb-auth-metrics", new MetricsEndpoint(settings.metricsAccess()))
                    .addMapping(MetricsEndpoint.PATH);
        }
        settings.backfillSecret().ifPresent(secret -> {
            context.addServlet("capydb-auth-backfill", new BackfillEndpoint(secret)).addMapping(BackfillEndpoint.PATH + "/*");
            context.addServlet("capydb-auth-reconciliation", new ReconciliationEndpoint(secret))
                    .addMapping(ReconciliationEndpoint.PATH + "/*");
        });
        LOG.info(() -> "capydb-auth-sync receives webhooks at " + String.join(", ", paths));
    }

    /**
     * Puts the signature filter in front of the receiver: on the application's own mapping if its
     * {@code web.xml} declares the filter (the container makes that one, and it hands requests to the
     * filter configured here), else on {@code capydb.auth.path} and on the JAX-RS path, so that one is
     * never reached unverified.
     *
     * @return the paths the receiver answers on
     */
    private static List<String> installFilter(ServletContext context, Settings settings) {
        FilterRegistration declared = context.getFilterRegistration(AuthSyncFilter.NAME);
        List<String> mapped = declared == null ? List.of() : declaredMapping(declared, settings);
        List<String> paths = mapped.isEmpty() ? List.of(settings.path()) : mapped;
        WebhookSignatureFilter filter = new WebhookSignatureFilter(paths, schemes(settings), settings.maxBodyBytes(),
                Settings.RECEIVER_PATH);
        if (declared == null) {
            FilterRegistration.Dynamic registration = context.addFilter(AuthSyncFilter.NAME, filter);
            registration.setAsyncSupported(true);
            mapToOwnPaths(registration, settings);
        } else {
            context.setAttribute(AuthSyncFilter.RECEIVER_ATTRIBUTE, filter);
            if (mapped.isEmpty()) {
                mapToOwnPaths(declared, settings);
            }
        }
        return paths;
    }

    /** {@code capydb.auth.path}, and the JAX-RS path too, so that it is never reached unverified. */
    private static void mapToOwnPaths(FilterRegistration filter, Settings settings) {
        Set<String> patterns = new LinkedHashSet<>(List.of(Settings.RECEIVER_PATH + "/*", settings.path()));
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, patterns.toArray(String[]::new));
    }

    /**
     * The URL patterns the application's {@code web.xml} maps the filter to, each {@code /prefix/*}.
     *
     * @throws IllegalStateException when the declaration names another class, maps the filter otherwise,
     *     or contradicts {@code capydb.auth.path}
     */
    private static List<String> declaredMapping(FilterRegistration declared, Settings settings) {
        if (!AuthSyncFilter.class.getName().equals(declared.getClassName())) {
            throw new IllegalStateException("capydb-auth-sync: web.xml declares the filter " + AuthSyncFilter.NAME
                    + " with the class " + declared.getClassName() + ", but that name is the receiver's signature"
                    + " filter."
                    + " To map it yourself, declare it with <filter-class>" + AuthSyncFilter.class.getName()
                    + "</filter-class> and give it a <filter-mapping> with a URL pattern /prefix/*; to leave the"
                    + " library out, set " + Settings.ENABLED + "=false");
        }
        // Open Liberty answers null, not an empty collection, for a filter without such mappings.
        if (declared.getServletNameMappings() != null && !declared.getServletNameMappings().isEmpty()) {
            throw new IllegalStateException("capydb-auth-sync: web.xml maps " + AuthSyncFilter.NAME
                    + " to a servlet name; map it to a URL pattern /prefix/*, after which the provider id follows");
        }
        List<String> mapped = declared.getUrlPatternMappings() == null ? List.of()
                : List.copyOf(declared.getUrlPatternMappings());
        mapped.forEach(pattern -> Settings.requireUrlPattern(pattern,
                "web.xml's <filter-mapping> of " + AuthSyncFilter.NAME));
        if (!mapped.isEmpty() && settings.pathIsSet() && !mapped.contains(settings.path())) {
            throw new IllegalStateException("capydb-auth-sync: web.xml maps " + AuthSyncFilter.NAME + " to " + mapped
                    + ", and " + Settings.PATH + " is " + settings.path() + ": set one of them");
        }
        return mapped;
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
