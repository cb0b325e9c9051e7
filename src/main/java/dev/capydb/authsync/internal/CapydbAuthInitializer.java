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
 * Installs the receiver when the JAR is in {@code WEB-INF/lib}: maps the receiver's JAX-RS servlet
 * (declared in {@code web-fragment.xml}) on {@code capydb.auth.path} unless {@code web.xml} already
 * maps it, and puts the signature filter in front of exactly that servlet. Excluding the fragment
 * with {@code <absolute-ordering>} in {@code web.xml} disables the receiver.
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
        FilterRegistration.Dynamic filter =
                context.addFilter(FILTER_NAME, new WebhookSignatureFilter(settings, Clock.systemUTC()));
        filter.setAsyncSupported(true);
        filter.addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), false, servletName);
        LOG.info(() -> "capydb-auth-sync receives webhooks at " + servlet.getMappings());
    }
}
