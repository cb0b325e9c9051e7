package dev.capydb.bench.noop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * The same {@link Commits commit}, but the request is suspended and the committer resumes it: no
 * request thread waits. Beside {@link BlockingWebhook}, it measures what answering asynchronously
 * would save the receiver.
 */
@Path("{provider}")
public class AsyncWebhook {

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public void receive(@PathParam("provider") String provider, byte[] body, @Suspended AsyncResponse response) {
        Commits.join(() -> response.resume(NoOpWebhook.ANSWER));
    }

    @ApplicationPath("/async/capydb-auth/webhooks")
    public static class Webhooks extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(AsyncWebhook.class);
        }
    }
}
