package dev.capydb.authsync.it.war;

import dev.capydb.authsync.AuthMembership;
import dev.capydb.authsync.AuthOrganization;
import dev.capydb.authsync.AuthUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The mirror's tables through the application's own persistence unit, each read in a new transaction. */
@ApplicationScoped
public class CommittedRows {

    @PersistenceContext(unitName = "app")
    EntityManager entityManager;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public AuthUser find(String id) {
        return entityManager.find(AuthUser.class, id);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public AuthOrganization organization(String id) {
        return entityManager.find(AuthOrganization.class, id);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public AuthMembership membership(String organizationId, String userId) {
        return entityManager.find(AuthMembership.class, new AuthMembership.Key(organizationId, userId));
    }

    /** The README's query: the active memberships of a user, with their organization's name. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Object[]> organizationsOf(String userId) {
        return entityManager.createQuery("""
                SELECT o.name, m.role FROM AuthMembership m, AuthOrganization o
                WHERE m.userId = :user AND o.id = m.organizationId AND m.deletedAt IS NULL AND o.deletedAt IS NULL
                ORDER BY o.name""", Object[].class)
                .setParameter("user", userId)
                .getResultList();
    }

    /** The README's query: whether the user is an admin of the organization. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean isAdmin(String organizationId, String userId, List<String> adminRoles) {
        return entityManager.createQuery("""
                SELECT count(m) FROM AuthMembership m
                WHERE m.organizationId = :organization AND m.userId = :user AND m.role IN :roles
                AND m.deletedAt IS NULL""", Long.class)
                .setParameter("organization", organizationId)
                .setParameter("user", userId)
                .setParameter("roles", adminRoles)
                .getSingleResult() > 0;
    }

    /** Removes the entity of {@code type} with primary key {@code key} through the persistence unit, if it lets. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void remove(Class<?> type, Object key) {
        entityManager.remove(entityManager.find(type, key));
    }
}
