package dev.capydb.authsync.it.war;

import dev.capydb.authsync.AuthUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** {@code capydb_auth.users} through the application's own persistence unit, in a new transaction. */
@ApplicationScoped
public class CommittedRows {

    @PersistenceContext(unitName = "app")
    EntityManager entityManager;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public AuthUser find(String id) {
        return entityManager.find(AuthUser.class, id);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void remove(String id) {
        entityManager.remove(entityManager.find(AuthUser.class, id));
    }
}
