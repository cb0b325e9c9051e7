package dev.capydb.example;

import dev.capydb.authsync.events.UserCreated;
import dev.capydb.authsync.events.UserDeleted;
import dev.capydb.authsync.events.WebhookReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;

/** How an application reacts to its users' lifecycle: observe the receiver's CDI events. */
@ApplicationScoped
public class SignUpLog {

    private static final Logger LOG = Logger.getLogger(SignUpLog.class.getName());

    void welcome(@Observes UserCreated created) {
        LOG.info(() -> "New " + created.provider() + " user " + created.user().id() + " <" + created.user().email() + ">");
    }

    void farewell(@Observes UserDeleted deleted) {
        LOG.info(() -> deleted.provider() + " user " + deleted.user().id() + " was deleted");
    }

    void anyDelivery(@Observes WebhookReceived delivery) {
        LOG.fine(() -> "Verified " + delivery.provider() + " webhook " + delivery.event());
    }
}
