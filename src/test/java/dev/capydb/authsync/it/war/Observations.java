package dev.capydb.authsync.it.war;

import dev.capydb.authsync.AuthMembership;
import dev.capydb.authsync.AuthOrganization;
import dev.capydb.authsync.AuthUser;
import dev.capydb.authsync.events.MemberRemoved;
import dev.capydb.authsync.events.MembershipChange;
import dev.capydb.authsync.events.OrganizationChange;
import dev.capydb.authsync.events.OrganizationDeleted;
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
    private final List<String> changes = new ArrayList<>();
    private final List<String> deliveries = new ArrayList<>();

    @Inject
    CommittedRows committed;

    void onUserChange(@Observes UserChange change) {
        AuthUser row = committed.find(change.user().id());
        boolean visible = change instanceof UserDeleted
                ? row != null && row.isDeleted()
                : row != null && row.getRaw() != null && !row.isDeleted();
        record(change.getClass().getSimpleName() + " " + change.provider() + " " + change.user().id()
                + (visible ? " committed" : " NOT-COMMITTED"));
        record(changes, change.getClass().getSimpleName() + " " + change.user().id() + " "
                + (change instanceof UserDeleted deleted ? deleted.deletedAt() : change.user().updatedAt()));
    }

    void onOrganizationChange(@Observes OrganizationChange change) {
        AuthOrganization row = committed.organization(change.organization().id());
        boolean visible = row != null && (change instanceof OrganizationDeleted) == row.isDeleted();
        record(change.getClass().getSimpleName() + " " + change.provider() + " " + change.organization().id()
                + (visible ? " committed" : " NOT-COMMITTED"));
    }

    void onMembershipChange(@Observes MembershipChange change) {
        String organizationId = change.membership().organizationId();
        String userId = change.membership().userId();
        AuthMembership row = committed.membership(organizationId, userId);
        boolean visible = row != null && (change instanceof MemberRemoved) == row.isDeleted();
        record(change.getClass().getSimpleName() + " " + change.provider() + " " + organizationId + "/" + userId + " "
                + change.membership().role() + (visible ? " committed" : " NOT-COMMITTED"));
    }

    void onDelivery(@Observes WebhookReceived delivery) {
        record("WebhookReceived " + delivery.provider() + " " + delivery.event() + " "
                + delivery.payload().getString("marker", "-"));
        record(deliveries, delivery.provider() + " " + delivery.deliveryKey());
    }

    private void record(String line) {
        record(lines, line);
    }

    private synchronized void record(List<String> list, String line) {
        list.add(line);
    }

    /**
     * Every event, as a line saying its type, provider, user (organization, membership and role) and
     * whether it was committed.
     */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every user change as {@code <type> <user id> <updatedAt, or deletedAt of a deletion>}. */
    public synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    /** Every {@code WebhookReceived} as {@code <provider> <delivery id>}. */
    public synchronized List<String> deliveries() {
        return List.copyOf(deliveries);
    }
}
