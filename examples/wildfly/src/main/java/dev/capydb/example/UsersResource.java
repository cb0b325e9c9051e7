package dev.capydb.example;

import dev.capydb.authsync.AuthUser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /users}: the mirrored users, newest first, as JSON. The read path an application
 * copies: its own persistence unit lists {@link AuthUser} on the receiver's datasource
 * ({@code META-INF/persistence.xml}), and reads it like any entity.
 */
@Path("")
public class UsersResource {

    /** At most this many users, the newest. */
    static final int LIMIT = 100;

    @PersistenceContext
    EntityManager entityManager;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<User> users() {
        return entityManager.createQuery("SELECT u FROM AuthUser u ORDER BY u.createdAt DESC, u.id", AuthUser.class)
                .setMaxResults(LIMIT)
                .getResultStream()
                .map(User::of)
                .toList();
    }

    /** A user as the page shows it; {@code deleted} marks the users the provider deleted (their row stays). */
    public record User(String id, String email, String firstName, String lastName, String username, String createdAt,
            String updatedAt, String deletedAt, boolean deleted) {

        static User of(AuthUser user) {
            return new User(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(), user.getUsername(),
                    text(user.getCreatedAt()), text(user.getUpdatedAt()), text(user.getDeletedAt()), user.isDeleted());
        }

        private static String text(OffsetDateTime time) {
            return time == null ? null : time.toInstant().toString();
        }
    }

    /** The example's own JAX-RS application, beside the receiver's. */
    @ApplicationPath("users")
    public static class UsersApplication extends Application {
    }
}
