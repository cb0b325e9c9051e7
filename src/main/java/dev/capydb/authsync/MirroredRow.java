package dev.capydb.authsync;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreRemove;
import jakarta.persistence.PreUpdate;
import java.time.OffsetDateTime;

/**
 * What every row of the mirror has besides its own columns, {@link AuthUser}, {@link AuthOrganization}
 * and {@link AuthMembership} alike: the provider's times, the soft deletion, the provider's object and
 * which provider it is.
 * Read-only: the tables belong to the receiver, so persisting, updating or removing a row throws
 * {@link UnsupportedOperationException}.
 */
@MappedSuperclass
public abstract class MirroredRow {

    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "deleted_at", insertable = false, updatable = false)
    private OffsetDateTime deletedAt;

    @Column(name = "raw", insertable = false, updatable = false)
    private String raw;

    @Column(name = "provider", insertable = false, updatable = false)
    private String provider;

    /** For JPA, which creates the rows it reads; the application never does. */
    protected MirroredRow() {
    }

    @PrePersist
    @PreUpdate
    @PreRemove
    void refuseWrites() {
        throw new UnsupportedOperationException("capydb_auth." + table() + " is written by capydb-auth-sync only");
    }

    /** The table's name in {@code capydb_auth}, for the refusal. */
    abstract String table();

    /** {@return when the provider created the object} */
    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /**
     * {@return when the provider last changed the object; {@code null} where the provider does not keep
     * it (Better Auth's organizations and members)}
     */
    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    /**
     * {@return when the object was deleted (a member removed): the time the provider gave the deletion,
     * else when the mirror learnt of it; {@code null} while it is live}
     */
    public OffsetDateTime getDeletedAt() {
        return deletedAt;
    }

    /** {@return whether the object is deleted: {@link #getDeletedAt()} is set} */
    public boolean isDeleted() {
        return deletedAt != null;
    }

    /**
     * {@return the id of the provider whose webhook, backfill or reconciliation last wrote the row
     * ({@code clerk}, {@code better-auth}, …); {@code null} for a row last written before the mirror
     * recorded it}
     */
    public String getProvider() {
        return provider;
    }

    /** {@return the provider's object as JSON text, as it sent it: for the fields the typed columns do not cover} */
    public String getRaw() {
        return raw;
    }
}
