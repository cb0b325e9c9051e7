package dev.capydb.authsync.it.war.async;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the asynchronous observers saw, and their release, for the tests: under the test application's {@code app/}. */
@Path("support/async")
public class AsyncSupport {

    @Inject
    AsyncObservations observations;

    @GET
    @Path("observations")
    @Produces(MediaType.APPLICATION_JSON)
    public String observations() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        observations.lines().forEach(array::add);
        return array.build().toString();
    }

    @GET
    @Path("blocked")
    @Produces(MediaType.TEXT_PLAIN)
    public String blocked() {
        return Integer.toString(observations.blocked());
    }

    @POST
    @Path("release")
    public void release() {
        observations.release();
    }
}
