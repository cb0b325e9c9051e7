package dev.capydb.authsync.it.war.meters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Collection;

/**
 * An application with a {@link MeterRegistry} of its own, not a Prometheus one, as one that ships
 * its meters elsewhere has: the receiver must count on it. Added only to the deployment that tests
 * this, since the receiver takes the first registry it finds.
 */
@ApplicationScoped
public class ApplicationMeters {

    /** A pseudo-scope, so no client proxy: registries have final methods that a proxy cannot forward. */
    @Produces
    @Singleton
    SimpleMeterRegistry registry() {
        return new SimpleMeterRegistry();
    }

    /** {@code GET app/meters/deliveries/banata/mirrored}: the count on the application's registry. */
    @Path("meters")
    public static class Resource {

        @Inject
        MeterRegistry registry;

        @GET
        @Path("deliveries/{provider}/{outcome}")
        public String deliveries(@PathParam("provider") String provider, @PathParam("outcome") String outcome) {
            // One series per object (user, organization, …): their sum, as a dashboard adds them up.
            Collection<Counter> counters = registry.find("capydb.auth.deliveries").tags("provider", provider,
                    "outcome", outcome).counters();
            return counters.isEmpty() ? "none"
                    : Long.toString((long) counters.stream().mapToDouble(Counter::count).sum());
        }
    }
}
