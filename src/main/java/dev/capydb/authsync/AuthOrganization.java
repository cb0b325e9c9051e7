package dev.capydb.authsync;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code capydb_auth.organizations}, read-only like {@link AuthUser} and listed in the
 * application's persistence unit the same way (on MariaDB with the same mapping file). Filter out
 * deleted organizations ({@code deletedAt IS NULL}); a deleted organization stays deleted, and its
 * memberships are removed by their own events. Use {@link #getRaw()} for the provider's fields the
 * typed columns do not cover (Clerk's {@code public_metadata}, Better Auth's {@code metadata}).
 */
@Entity
// Written with SQL past any shared cache, as AuthUser.
@Cacheable(false)
@Table(schema = "capydb_auth", name = "organizations")
public class AuthOrganization extends MirroredRow {

    // Writable in the mapping only: EclipseLink refuses an entity whose primary key is read-only.
    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "name", insertable = false, updatable = false)
    private String name;

    @Column(name = "slug", insertable = false, updatable = false)
    private String slug;

    @Column(name = "image_url", insertable = false, updatable = false)
    private String imageUrl;

    /** For JPA, which creates the rows it reads; the application never does. */
    protected AuthOrganization() {
    }

    @Override
    String table() {
        return "organizations";
    }

    /** {@return the provider's organization id} */
    public String getId() {
        return id;
    }

    /** {@return the organization's name} */
    public String getName() {
        return name;
    }

    /** {@return the organization's short name in addresses} */
    public String getSlug() {
        return slug;
    }

    /** {@return the address of the organization's image or logo} */
    public String getImageUrl() {
        return imageUrl;
    }
}
