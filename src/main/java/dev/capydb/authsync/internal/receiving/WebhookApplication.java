package dev.capydb.authsync.internal.receiving;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The receiver's own JAX-RS application, separate from any the host application has. Its servlet
 * is declared in the library's {@code web-fragment.xml}; its URL pattern comes from
 * {@code capydb.auth.path} (see {@code CapydbAuthInitializer}) unless {@code web.xml} maps it.
 */
public class WebhookApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(WebhookResource.class);
    }
}
