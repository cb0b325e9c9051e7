package dev.capydb.authsync;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A row of {@code capydb_auth.memberships}: a user's membership of an organization and its role,
 * read-only like {@link AuthUser} and listed in the application's persistence unit the same way (on
 * MariaDB with the same mapping file). Filter out removed members ({@code deletedAt IS NULL}); unlike
 * a user, a removed member can come back, and then {@code deletedAt} is cleared. The organization
 * and the user are plain ids, not associations: the three tables have no foreign keys, since a
 * membership may arrive before its organization or its user. Join them in a query where you need
 * them:
 *
 * <pre>{@code
 * em.createQuery("""
 *         SELECT o.name, m.role FROM AuthMembership m, AuthOrganization o
 *         WHERE m.userId = :user AND o.id = m.organizationId
 *         AND m.deletedAt IS NULL AND o.deletedAt IS NULL""", Object[].class)
 * }</pre>
 */
@Entity
// Written with SQL past any shared cache, as AuthUser.
@Cacheable(false)
@IdClass(AuthMembership.Key.class)
@Table(schema = "capydb_auth", name = "memberships")
public class AuthMembership extends MirroredRow {

    // Writable in the mapping only: EclipseLink refuses an entity whose primary key is read-only.
    @Id
    @Column(name = "organization_id")
    private String organizationId;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "role", insertable = false, updatable = false)
    private String role;

    /** For JPA, which creates the rows it reads; the application never does. */
    protected AuthMembership() {
    }

    @Override
    String table() {
        return "memberships";
    }

    /** {@return the provider's id of the organization} */
    public String getOrganizationId() {
        return organizationId;
    }

    /** {@return the provider's id of the user} */
    public String getUserId() {
        return userId;
    }

    /**
     * {@return the provider's role string as sent: {@code org:admin} or {@code org:member} from Clerk,
     * {@code owner}, {@code admin} or {@code member} from Better Auth and Banata (Better Auth joins
     * several roles with commas)}
     */
    public String getRole() {
        return role;
    }

    /** The primary key of an {@link AuthMembership}: the organization and the user, for {@code EntityManager.find}. */
    public static final class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        /** The provider's id of the organization. */
        private String organizationId;
        /** The provider's id of the user. */
        private String userId;

        /** For JPA. */
        public Key() {
        }

        /**
         * The key of one membership.
         *
         * @param organizationId the provider's id of the organization
         * @param userId the provider's id of the user
         */
        public Key(String organizationId, String userId) {
            this.organizationId = organizationId;
            this.userId = userId;
        }

        /** {@return the provider's id of the organization} */
        public String getOrganizationId() {
            return organizationId;
        }

        /** {@return the provider's id of the user} */
        public String getUserId() {
            return userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(organizationId, key.organizationId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, userId);
        }
    }
}
