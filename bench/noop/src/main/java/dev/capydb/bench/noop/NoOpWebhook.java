package dev.capydb.bench.noop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * The same request as a webhook delivery, on the same path under its own context root, answered
 * with the receiver's answer after reading the body and nothing else: what the server itself costs
 * per delivery, so that the receiver's rate can be read as a share of it.
 */
@Path("{provider}")
public class NoOpWebhook {

    static final String ANSWER = "{\"status\":\"mirrored\",\"event\":\"user.created\"}";

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String receive(@PathParam("provider") String provider, byte[] body) {
        return ANSWER;
    }

    /** Deployed as the receiver's JAX-RS application is: found by its annotation. */
    @ApplicationPath("/capydb-auth/webhooks")
    public static class Webhooks extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(NoOpWebhook.class);
        }
    }
}
