package dev.capydb.authsync.it.war.backfill;

import dev.capydb.authsync.events.UserUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Slows the backfill of the users whose id starts with {@code slow-} (2 ms each, on the writing
 * thread), so that a test can stop the job while it runs. Added only to the backfill's deployment.
 */
@ApplicationScoped
public class SlowObserver {

    void slowDown(@Observes UserUpdated updated) throws InterruptedException {
        if (updated.user().id().startsWith("slow-")) {
            Thread.sleep(2);
        }
    }
}
