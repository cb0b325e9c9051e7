package dev.capydb.authsync.internal.reconciliation;

import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.listener.AbstractChunkListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Keeps a reconciliation's lock while its first step reads: the lease is extended around every
 * chunk. A run that finds its lock taken over (its lease ended, another node's run took it) stops.
 */
@Named("capydbReconciliationLease")
@Dependent
public class LeaseRenewal extends AbstractChunkListener {

    @Inject
    @BatchProperty
    String run;

    @Inject
    @BatchProperty
    String provider;

    @Inject
    MirrorDatabase database;

    @Inject
    ProviderLock lock;

    @Override
    public void beforeChunk() throws SQLException {
        renew();
    }

    @Override
    public void afterChunk() throws SQLException {
        renew();
    }

    private void renew() throws SQLException {
        if (!lock.renew(provider, run, Instant.now().plus(database.settings().reconcileLease()))) {
            throw new IllegalStateException("Reconciliation " + run + " lost the lock of " + provider
                    + ": its lease ended before it renewed it, and another run took it over");
        }
    }
}
