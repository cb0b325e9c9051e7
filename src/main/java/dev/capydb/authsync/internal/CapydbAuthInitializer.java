package dev.capydb.authsync.internal;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.receiving.WebhookApplication;
import dev.capydb.authsync.internal.verification.WebhookSignatureFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Installs the receiver when the JAR is in {@code WEB-INF/lib}: puts the signature filter in front
 * of the receiver's JAX-RS servlet (declared and mapped in {@code web-fragment.xml}, or mapped by
 * {@code web.xml}) and, when {@code capydb.auth.path} names another path, on that path too.
 * Excluding the fragment with {@code <absolute-ordering>} in {@code web.xml} disables the receiver.
 */
public final class CapydbAuthInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(CapydbAuthInitializer.class.getName());
    static final String FILTER_NAME = "capydb-auth-webhook-signature";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        String servletName = WebhookApplication.class.getName();
        ServletRegistration servlet = context.getServletRegistration(servletName);
        if (servlet == null) {
            LOG.info("capydb-auth-sync's web-fragment is excluded; the webhook receiver is not installed");
            return;
        }
        Settings settings = Settings.of(context);
        String path = settings.path();
        String servletPath = servlet.getMappings().stream().filter(p -> p.endsWith("/*")).findFirst()
                .orElseThrow(() -> new IllegalStateException("capydb-auth-sync: map " + servletName + " to /prefix/*"));
        WebhookSignatureFilter verifier = new WebhookSignatureFilter(settings, Clock.systemUTC(),
                WebhookSignatureFilter.prefixOf(servletPath));
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, verifier);
        filter.setAsyncSupported(true);
        filter.addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), false, servletName);
        if (!servlet.getMappings().contains(path)) {
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, path);
        }
        LOG.info(() -> "capydb-auth-sync receives webhooks at " + path);
    }
}
