package dev.capydb.authsync.internal.receiving;

import dev.capydb.authsync.events.UserChange;
import dev.capydb.authsync.events.WebhookReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires the public CDI events of a delivery. Called after the mirror's transaction committed; an
 * observer's failure is logged and does not turn a durable change into an error for the sender.
 */
@ApplicationScoped
class DeliveryEvents {

    private static final Logger LOG = Logger.getLogger(DeliveryEvents.class.getName());

    @Inject
    Event<UserChange> userChanges;

    @Inject
    Event<WebhookReceived> deliveries;

    void publish(UserChange change, WebhookReceived delivery) {
        if (change != null) {
            fire(userChanges, change);
        }
        fire(deliveries, delivery);
    }

    private static <T> void fire(Event<T> event, T payload) {
        try {
            event.fire(payload);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of " + payload.getClass().getSimpleName()
                    + " failed; the delivery was committed and is acknowledged", e);
        }
    }
}
