package dev.capydb.authsync.it.war;

import dev.capydb.authsync.AuthUser;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

/**
 * The host application's own JAX-RS application, as most applications have one. Tests read the
 * observers' lines and the entity as the application sees it through it; it also proves that the
 * receiver's resource, which this application's scan picks up too, refuses unverified requests.
 */
@ApplicationPath("app")
public class TestSupport extends Application {

    @Path("support")
    public static class Resource {

        @Inject
        Observations observations;

        @Inject
        CommittedRows rows;

        @GET
        @Path("observations")
        @Produces(MediaType.APPLICATION_JSON)
        public String observations() {
            JsonArrayBuilder array = Json.createArrayBuilder();
            observations.lines().forEach(array::add);
            return array.build().toString();
        }

        @GET
        @Path("users/{id}")
        @Produces(MediaType.APPLICATION_JSON)
        public String user(@PathParam("id") String id) {
            AuthUser user = rows.find(id);
            if (user == null) {
                throw new NotFoundException();
            }
            JsonObjectBuilder json = Json.createObjectBuilder().add("id", user.getId());
            addNullable(json, "email", user.getEmail());
            addNullable(json, "firstName", user.getFirstName());
            addNullable(json, "lastName", user.getLastName());
            addNullable(json, "username", user.getUsername());
            addNullable(json, "imageUrl", user.getImageUrl());
            addNullable(json, "createdAt", user.getCreatedAt());
            addNullable(json, "updatedAt", user.getUpdatedAt());
            addNullable(json, "lastSignInAt", user.getLastSignInAt());
            addNullable(json, "deletedAt", user.getDeletedAt());
            return json.add("raw", user.getRaw()).build().toString();
        }

        private static void addNullable(JsonObjectBuilder json, String key, Object value) {
            if (value == null) {
                json.addNull(key);
            } else {
                json.add(key, value.toString());
            }
        }
    }
}
