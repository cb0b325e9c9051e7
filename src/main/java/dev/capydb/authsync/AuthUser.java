package dev.capydb.authsync;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A row of {@code capydb_auth.users}, for applications to read with their own persistence unit
 * (list this class in it, on the datasource named by {@code capydb.auth.datasource}). Read-only:
 * the table belongs to the receiver, so there are no setters and persisting, updating or removing
 * one throws {@link UnsupportedOperationException}. Only standard JPA mappings are used, so it
 * reads the same through Hibernate (WildFly) and EclipseLink (Payara); on MariaDB, add the mapping
 * file {@code META-INF/capydb-auth-sync/mariadb-orm.xml} to the persistence unit. Filter out deleted users
 * ({@code deletedAt IS NULL}); use {@link #getRaw()} for provider fields the typed columns do not
 * cover.
 */
@Entity
// The receiver writes the rows with SQL, past any JPA provider's shared cache: a cached copy would
// go stale (EclipseLink caches entities unless told not to).
@Cacheable(false)
// On MariaDB Hibernate drops a schema (there a schema is a database, which it names the catalog):
// META-INF/capydb-auth-sync/mariadb-orm.xml names capydb_auth the catalog instead.
@Table(schema = "capydb_auth", name = "users")
public class AuthUser extends MirroredRow {

    // Writable in the mapping only: EclipseLink refuses an entity whose primary key is read-only.
    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "email", insertable = false, updatable = false)
    private String email;

    @Column(name = "first_name", insertable = false, updatable = false)
    private String firstName;

    @Column(name = "last_name", insertable = false, updatable = false)
    private String lastName;

    @Column(name = "username", insertable = false, updatable = false)
    private String username;

    @Column(name = "image_url", insertable = false, updatable = false)
    private String imageUrl;

    @Column(name = "last_sign_in_at", insertable = false, updatable = false)
    private OffsetDateTime lastSignInAt;

    /** For JPA, which creates the rows it reads; the application never does. */
    protected AuthUser() {
    }

    @Override
    String table() {
        return "users";
    }

    /** {@return the provider's user id} */
    public String getId() {
        return id;
    }

    /** {@return the user's primary email address} */
    public String getEmail() {
        return email;
    }

    /** {@return the first name (Better Auth and Banata: the first word of {@code name})} */
    public String getFirstName() {
        return firstName;
    }

    /** {@return the last name (Better Auth and Banata: the rest of {@code name})} */
    public String getLastName() {
        return lastName;
    }

    /** {@return the username, where the provider has one} */
    public String getUsername() {
        return username;
    }

    /** {@return the address of the user's picture} */
    public String getImageUrl() {
        return imageUrl;
    }

    /** {@return when the user last signed in; {@code null} where the provider does not tell (Better Auth)} */
    public OffsetDateTime getLastSignInAt() {
        return lastSignInAt;
    }
}
