package dev.capydb.bench.noop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The no-op whose request thread waits for a {@link Commits commit}, as the receiver's request
 * threads wait for their group commit: what blocking request threads released in bursts cost the
 * server, without a database.
 */
@Path("{provider}")
public class BlockingWebhook {

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String receive(@PathParam("provider") String provider, byte[] body) throws InterruptedException {
        CountDownLatch committed = new CountDownLatch(1);
        Commits.join(committed::countDown);
        committed.await();
        return NoOpWebhook.ANSWER;
    }

    @ApplicationPath("/blocking/capydb-auth/webhooks")
    public static class Webhooks extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(BlockingWebhook.class);
        }
    }
}
