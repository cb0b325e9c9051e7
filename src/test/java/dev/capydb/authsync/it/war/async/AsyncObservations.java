package dev.capydb.authsync.it.war.async;

import dev.capydb.authsync.events.MembershipChange;
import dev.capydb.authsync.events.OrganizationChange;
import dev.capydb.authsync.events.UserChange;
import dev.capydb.authsync.events.WebhookReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * An application's asynchronous observers, one line per event they finished. On a user whose id
 * starts with {@code async-throws-} the observer throws; on one whose id starts with
 * {@code async-blocks-} it blocks until {@link #release()} (at most a minute, so a failed test cannot
 * hang the suite).
 */
@ApplicationScoped
public class AsyncObservations {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger blocked = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(1);

    void onUserChange(@ObservesAsync UserChange change) throws InterruptedException {
        String id = change.user().id();
        if (id.startsWith("async-throws-")) {
            throw new IllegalStateException("An asynchronous observer that fails on purpose, for " + id);
        }
        if (id.startsWith("async-blocks-")) {
            blocked.incrementAndGet();
            try {
                release.await(1, TimeUnit.MINUTES);
            } finally {
                blocked.decrementAndGet();
            }
        }
        lines.add(change.getClass().getSimpleName() + " " + id + " " + namingContext());
    }

    void onOrganizationChange(@ObservesAsync OrganizationChange change) {
        lines.add(change.getClass().getSimpleName() + " " + change.organization().id() + " " + namingContext());
    }

    void onMembershipChange(@ObservesAsync MembershipChange change) {
        lines.add(change.getClass().getSimpleName() + " " + change.membership().organizationId() + "/"
                + change.membership().userId() + " " + namingContext());
    }

    void onDelivery(@ObservesAsync WebhookReceived delivery) {
        lines.add("WebhookReceived " + delivery.event() + " " + delivery.deliveryKey() + " " + namingContext());
    }

    /** Whether the observer runs with the application's naming context, as a managed executor's tasks do. */
    private static String namingContext() {
        try {
            InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
            return "java:comp";
        } catch (NamingException e) {
            return "no-java:comp";
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many observers are blocked now. */
    public int blocked() {
        return blocked.get();
    }

    /** Lets the blocked observers return; the next blocking user blocks again. */
    public void release() {
        CountDownLatch released = release;
        release = new CountDownLatch(1);
        released.countDown();
    }
}
