package dev.capydb.authsync.it.war;

import dev.capydb.authsync.AuthUser;
import dev.capydb.authsync.events.UserChange;
import dev.capydb.authsync.events.UserDeleted;
import dev.capydb.authsync.events.WebhookReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a host application's observers saw, one line per event. For a user change the line says
 * whether the change was already committed: a fresh transaction (see {@link CommittedRows}) either
 * sees the row in its new state or it does not.
 */
@ApplicationScoped
public class Observations {

    private final List<String> lines = new ArrayList<>();

    @Inject
    CommittedRows committed;

    void onUserChange(@Observes UserChange change) {
        AuthUser row = committed.find(change.user().id());
        boolean visible = change instanceof UserDeleted
                ? row != null && row.isDeleted()
                : row != null && row.getRaw() != null && !row.isDeleted();
        record(change.getClass().getSimpleName() + " " + change.provider() + " " + change.user().id()
                + (visible ? " committed" : " NOT-COMMITTED"));
    }

    void onDelivery(@Observes WebhookReceived delivery) {
        record("WebhookReceived " + delivery.provider() + " " + delivery.event() + " "
                + delivery.payload().getString("marker", "-"));
    }

    private synchronized void record(String line) {
        lines.add(line);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
