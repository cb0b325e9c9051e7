package dev.capydb.authsync.internal.events;

import dev.capydb.authsync.events.MemberAdded;
import dev.capydb.authsync.events.MemberRemoved;
import dev.capydb.authsync.events.MemberUpdated;
import dev.capydb.authsync.events.OrganizationCreated;
import dev.capydb.authsync.events.OrganizationDeleted;
import dev.capydb.authsync.events.OrganizationUpdated;
import dev.capydb.authsync.events.UserCreated;
import dev.capydb.authsync.events.UserDeleted;
import dev.capydb.authsync.events.UserUpdated;
import dev.capydb.authsync.events.WebhookReceived;
import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires the public CDI events once a change is committed: to {@code @Observes} observers on the
 * calling thread, in the order of the calls, and to {@code @ObservesAsync} observers on the server's
 * default managed executor, without waiting for them. An observer's failure is logged and changes
 * nothing for the sender: what the event announces is already durable.
 *
 * <p>A notification no observer takes is not fired: each costs the container a resolution, and the
 * asynchronous one a task on the executor, per delivery. The observers of a type are fixed once the
 * application is deployed, so each type's are looked up once.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());

    /** Any of the change events: observers are resolved by the payload's class. */
    @Inject
    Event<Object> changes;

    @Inject
    Event<WebhookReceived> deliveries;

    /** Jakarta Concurrency's default executor, on which asynchronous observers run with the application's context. */
    @Resource
    ManagedExecutorService executor;

    @Inject
    BeanManager beanManager;

    private NotificationOptions onExecutor;

    /** Per event class: whether it has synchronous and asynchronous observers. */
    private final Map<Class<?>, Observers> observers = new ConcurrentHashMap<>();

    private record Observers(boolean sync, boolean async) {
    }

    @PostConstruct
    void useExecutor() {
        onExecutor = NotificationOptions.ofExecutor(executor);
    }

    /**
     * Announces what a committed write changed, if it changed a row: {@code UserCreated},
     * {@code OrganizationUpdated}, {@code MemberRemoved} and so on, by the event's table and kind; for a
     * backfill's snapshot, created if {@code outcome} says the row was inserted, else updated. A row
     * that took a late event but stays deleted announces nothing.
     *
     * @param deletedAt the {@code deleted_at} a deletion set
     */
    public void changed(String provider, NormalizedEvent event, Outcome outcome, Instant deletedAt) {
        if (outcome == Outcome.CHANGED || outcome == Outcome.INSERTED) {
            fire(changes, change(provider, event, outcome == Outcome.INSERTED, deletedAt));
        }
    }

    private static Object change(String provider, NormalizedEvent event, boolean inserted, Instant deletedAt) {
        boolean created = event.kind() == NormalizedEvent.Kind.CREATED || inserted;
        boolean deleted = event.kind() == NormalizedEvent.Kind.DELETED;
        return switch (event.subject()) {
            case USER -> deleted ? new UserDeleted(provider, event.user(), deletedAt)
                    : created ? new UserCreated(provider, event.user()) : new UserUpdated(provider, event.user());
            case ORGANIZATION -> deleted ? new OrganizationDeleted(provider, event.organization(), deletedAt)
                    : created ? new OrganizationCreated(provider, event.organization())
                    : new OrganizationUpdated(provider, event.organization());
            case MEMBERSHIP -> deleted ? new MemberRemoved(provider, event.membership(), deletedAt)
                    : created ? new MemberAdded(provider, event.membership())
                    : new MemberUpdated(provider, event.membership());
        };
    }

    /** Announces a verified webhook whose effect, if any, is committed. */
    public void webhookReceived(WebhookReceived delivery) {
        fire(deliveries, delivery);
    }

    private <T> void fire(Event<T> event, T payload) {
        Observers of = observers.computeIfAbsent(payload.getClass(), type -> observersOf(payload));
        if (of.sync()) {
            try {
                event.fire(payload);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An observer of " + payload.getClass().getSimpleName()
                        + " failed; what it announces was committed and is acknowledged", e);
            }
        }
        if (!of.async()) {
            return;
        }
        try {
            event.fireAsync(payload, onExecutor).exceptionally(failure -> {
                LOG.log(Level.WARNING, "An asynchronous observer of " + payload.getClass().getSimpleName()
                        + " failed; what it announces was committed and is acknowledged", failure);
                return null;
            });
        } catch (RuntimeException e) {
            // The executor refused the task (shutting down, or its queue full): the observers miss it.
            LOG.log(Level.WARNING, "The asynchronous observers of " + payload.getClass().getSimpleName()
                    + " could not be notified", e);
        }
    }

    /** The observers a payload of this class reaches when fired without qualifiers, as {@link #fire} does. */
    private Observers observersOf(Object payload) {
        boolean sync = false;
        boolean async = false;
        for (ObserverMethod<?> observer : beanManager.resolveObserverMethods(payload)) {
            sync |= !observer.isAsync();
            async |= observer.isAsync();
        }
        return new Observers(sync, async);
    }
}
