package dev.capydb.authsync.it.war;

import dev.capydb.authsync.AuthMembership;
import dev.capydb.authsync.AuthOrganization;
import dev.capydb.authsync.AuthUser;
import dev.capydb.authsync.Backfill;
import dev.capydb.authsync.internal.mirroring.DeliveryKeyPruner;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

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

        @Inject
        DeliveryKeyPruner retention;

        @Inject
        StallingObserver stalling;

        @Inject
        Backfill backfill;

        @GET
        @Path("observations")
        @Produces(MediaType.APPLICATION_JSON)
        public String observations() {
            return array(observations.lines());
        }

        @GET
        @Path("observations/changes")
        @Produces(MediaType.APPLICATION_JSON)
        public String changes() {
            return array(observations.changes());
        }

        @GET
        @Path("observations/deliveries")
        @Produces(MediaType.APPLICATION_JSON)
        public String deliveries() {
            return array(observations.deliveries());
        }

        /** Runs the hourly pruning of recorded deliveries now. */
        @POST
        @Path("prune-deliveries")
        @Produces(MediaType.TEXT_PLAIN)
        public String pruneDeliveries() throws SQLException {
            return Integer.toString(retention.prune());
        }

        /** Starts Clerk's backfill through the CDI bean, as an application does; says what became of it. */
        @POST
        @Path("backfill/clerk")
        @Produces(MediaType.TEXT_PLAIN)
        public String startClerkBackfill() {
            try {
                return "started " + backfill.startClerk();
            } catch (IllegalStateException e) {
                return "refused: " + e.getMessage();
            }
        }

        /** Lets an observer stalled by {@link StallingObserver} return. */
        @POST
        @Path("release-stalled")
        public void releaseStalled() {
            stalling.release();
        }

        private static String array(List<String> lines) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            lines.forEach(array::add);
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

        @GET
        @Path("organizations/{id}")
        @Produces(MediaType.APPLICATION_JSON)
        public String organization(@PathParam("id") String id) {
            AuthOrganization organization = rows.organization(id);
            if (organization == null) {
                throw new NotFoundException();
            }
            JsonObjectBuilder json = Json.createObjectBuilder().add("id", organization.getId());
            addNullable(json, "name", organization.getName());
            addNullable(json, "slug", organization.getSlug());
            addNullable(json, "imageUrl", organization.getImageUrl());
            addNullable(json, "createdAt", organization.getCreatedAt());
            addNullable(json, "updatedAt", organization.getUpdatedAt());
            addNullable(json, "deletedAt", organization.getDeletedAt());
            return json.add("raw", organization.getRaw()).build().toString();
        }

        @GET
        @Path("memberships/{organization}/{user}")
        @Produces(MediaType.APPLICATION_JSON)
        public String membership(@PathParam("organization") String organizationId, @PathParam("user") String userId) {
            AuthMembership membership = rows.membership(organizationId, userId);
            if (membership == null) {
                throw new NotFoundException();
            }
            JsonObjectBuilder json = Json.createObjectBuilder().add("organizationId", membership.getOrganizationId())
                    .add("userId", membership.getUserId());
            addNullable(json, "role", membership.getRole());
            addNullable(json, "createdAt", membership.getCreatedAt());
            addNullable(json, "updatedAt", membership.getUpdatedAt());
            addNullable(json, "deletedAt", membership.getDeletedAt());
            return json.add("raw", membership.getRaw()).build().toString();
        }

        /** The README's worked query: {@code [[name, role], …]} of the user's active memberships. */
        @GET
        @Path("users/{id}/organizations")
        @Produces(MediaType.APPLICATION_JSON)
        public String organizationsOf(@PathParam("id") String userId) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            rows.organizationsOf(userId).forEach(row -> array.add(Json.createArrayBuilder().add((String) row[0])
                    .add((String) row[1])));
            return array.build().toString();
        }

        /** The README's other query: whether the user holds one of {@code roles} (comma-separated) in the organization. */
        @GET
        @Path("memberships/{organization}/{user}/admin")
        @Produces(MediaType.TEXT_PLAIN)
        public String isAdmin(@PathParam("organization") String organizationId, @PathParam("user") String userId,
                @QueryParam("roles") String roles) {
            return Boolean.toString(rows.isAdmin(organizationId, userId, List.of(roles.split(","))));
        }

        @DELETE
        @Path("users/{id}")
        @Produces(MediaType.TEXT_PLAIN)
        public String remove(@PathParam("id") String id) {
            return removal(AuthUser.class, id);
        }

        @DELETE
        @Path("organizations/{id}")
        @Produces(MediaType.TEXT_PLAIN)
        public String removeOrganization(@PathParam("id") String id) {
            return removal(AuthOrganization.class, id);
        }

        @DELETE
        @Path("memberships/{organization}/{user}")
        @Produces(MediaType.TEXT_PLAIN)
        public String removeMembership(@PathParam("organization") String organizationId, @PathParam("user") String userId) {
            return removal(AuthMembership.class, new AuthMembership.Key(organizationId, userId));
        }

        /**
         * Tries to remove the entity through the application's persistence unit; says what happened: removed,
         * or refused with the entity's own refusal, found among the causes of what the JPA provider and the
         * transaction wrapped it in. Any other failure fails the request.
         */
        private String removal(Class<?> type, Object key) {
            try {
                rows.remove(type, key);
                return "removed";
            } catch (RuntimeException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof UnsupportedOperationException refusal) {
                        return "refused: " + refusal.getMessage();
                    }
                }
                throw e;
            }
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
