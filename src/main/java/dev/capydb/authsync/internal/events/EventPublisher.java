package dev.capydb.authsync.internal.events;

import dev.capydb.authsync.events.UserChange;
import dev.capydb.authsync.events.WebhookReceived;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
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

    @Inject
    Event<UserChange> userChanges;

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

    /** Announces a committed change of a user. */
    public void userChanged(UserChange change) {
        fire(userChanges, change);
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
