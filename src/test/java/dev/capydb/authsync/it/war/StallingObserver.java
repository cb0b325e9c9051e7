package dev.capydb.authsync.it.war;

import dev.capydb.authsync.events.UserCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An application observer that hangs: on the creation of a user whose id starts with
 * {@code stall-} it blocks until {@link #release()} (at most a minute, so a failed test cannot hang
 * the suite). Observers run on the writer of the deliveries' batch, so this stalls the write path.
 */
@ApplicationScoped
public class StallingObserver {

    private volatile CountDownLatch release = new CountDownLatch(1);

    void onCreated(@Observes UserCreated created) throws InterruptedException {
        if (created.user().id().startsWith("stall-")) {
            release.await(1, TimeUnit.MINUTES);
        }
    }

    /** Lets the stalled observer return; the next stalling user stalls again. */
    public void release() {
        CountDownLatch released = release;
        release = new CountDownLatch(1);
        released.countDown();
    }
}
