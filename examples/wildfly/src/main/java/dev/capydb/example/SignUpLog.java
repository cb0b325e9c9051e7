package dev.capydb.example;

import dev.capydb.authsync.events.UserCreated;
import dev.capydb.authsync.events.UserDeleted;
import dev.capydb.authsync.events.WebhookReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.logging.Logger;

/**
 * How an application reacts to its users' lifecycle: observe the receiver's CDI events. Slow work (a
 * welcome mail, a call to another service) belongs in an asynchronous observer: it runs on the
 * server's managed executor once the change is committed, and no delivery waits for it.
 */
@ApplicationScoped
public class SignUpLog {

    private static final Logger LOG = Logger.getLogger(SignUpLog.class.getName());

    void welcome(@ObservesAsync UserCreated created) {
        LOG.info(() -> "New " + created.provider() + " user " + created.user().id() + " <" + created.user().email() + ">");
    }

    void farewell(@Observes UserDeleted deleted) {
        LOG.info(() -> deleted.provider() + " user " + deleted.user().id() + " was deleted");
    }

    void anyDelivery(@Observes WebhookReceived delivery) {
        LOG.fine(() -> "Verified " + delivery.provider() + " webhook " + delivery.event());
    }
}
