package dev.capydb.authsync.internal.receiving;

import dev.capydb.authsync.internal.config.Settings;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The receiver's own JAX-RS application, separate from any the host application has. The server's
 * JAX-RS runtime (RESTEasy, Jersey) deploys it at {@link Settings#RECEIVER_PATH}, found by its annotation: the one
 * way of declaring it that every runtime supports (Payara's cannot complete a servlet declared
 * without a class). {@code capydb.auth.path} moves the public path without moving it; see
 * {@code CapydbAuthInitializer}.
 */
@ApplicationPath(Settings.RECEIVER_PATH)
public class WebhookApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(WebhookResource.class);
    }
}
