package dev.capydb.authsync.it.war.flyway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;

/** What a Flyway of the application's own, configured as Flyway's defaults have it, would run. */
@Path("flyway")
public class ApplicationFlyway {

    /** The Java callbacks such a Flyway found, a class name a line. */
    @GET
    @Path("callbacks")
    @Produces(MediaType.TEXT_PLAIN)
    public String callbacks() {
        return Arrays.stream(Flyway.configure(ApplicationFlyway.class.getClassLoader()).load().getConfiguration()
                .getCallbacks()).map(callback -> callback.getClass().getName()).collect(Collectors.joining("\n"));
    }
}
