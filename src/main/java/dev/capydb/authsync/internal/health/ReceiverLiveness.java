package dev.capydb.authsync.internal.health;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import dev.capydb.authsync.internal.mirroring.Mirror;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless the write path is stuck: one batch of deliveries, its after-commit observers
 * included, has taken longer than {@code capydb.auth.stall-seconds}. Deliveries are written one
 * batch at a time, so every delivery waits behind a stuck one (an observer that never returns, say)
 * and a restart is the way out. A database that is away is not a liveness failure: readiness
 * reports it, and the receiver recovers by itself when it is back. Up where the library is switched off.
 */
@Liveness
@ApplicationScoped
public class ReceiverLiveness implements HealthCheck {

    /** The name of both checks in health reports. */
    static final String NAME = "capydb-auth-sync";

    @Inject
    Mirror mirror;

    @Inject
    MirrorDatabase database;

    @Override
    public HealthCheckResponse call() {
        if (!database.started()) {
            return off();
        }
        Duration stallLimit = database.settings().stallLimit();
        Duration batchAge = mirror.currentBatchAge();
        boolean stalled = batchAge.compareTo(stallLimit) > 0;
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(!stalled)
                .withData("waiting deliveries", mirror.waiting())
                .withData("current batch ms", batchAge.toMillis());
        if (stalled) {
            response.withData("reason", "one batch of deliveries, after-commit observers included, has taken "
                    + batchAge.toSeconds() + " s, more than " + Settings.STALL_SECONDS + " = " + stallLimit.toSeconds());
        }
        return response.build();
    }

    /** The answer of both checks where the receiver is not installed: nothing of it can fail. */
    static HealthCheckResponse off() {
        return HealthCheckResponse.named(NAME).up().withData("receiver", "off").build();
    }
}
