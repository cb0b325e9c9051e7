package dev.capydb.example;

import dev.capydb.authsync.AuthUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /users}: the mirrored users, newest first, as JSON. The read path an application
 * copies: its own persistence unit lists {@link AuthUser} on the receiver's datasource
 * ({@code META-INF/persistence.xml}), and reads it like any entity. An application has one unit
 * for its one database; this example switches databases, so it has a second unit for MariaDB
 * (with the library's mapping file) and reads through the one for the receiver's database.
 */
@Path("")
@ApplicationScoped
public class UsersResource {

    /** At most this many users, the newest. */
    static final int LIMIT = 100;

    @PersistenceContext(unitName = "example")
    EntityManager entityManager;

    @PersistenceContext(unitName = "example-mariadb")
    EntityManager onMariaDb;

    /** The receiver's datasource, as its setting names it. */
    @Inject
    @ConfigProperty(name = "capydb.auth.datasource", defaultValue = "java:comp/DefaultDataSource")
    String dataSource;

    private volatile Boolean mariaDb;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<User> users() throws NamingException, SQLException {
        return (isMariaDb() ? onMariaDb : entityManager).createQuery("SELECT u FROM AuthUser u ORDER BY u.createdAt DESC, u.id", AuthUser.class)
                .setMaxResults(LIMIT)
                .getResultStream()
                .map(User::of)
                .toList();
    }

    private boolean isMariaDb() throws NamingException, SQLException {
        if (mariaDb == null) {
            try (Connection connection = InitialContext.<DataSource>doLookup(dataSource).getConnection()) {
                mariaDb = connection.getMetaData().getDatabaseProductName().equals("MariaDB");
            }
        }
        return mariaDb;
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
