package dev.capydb.authsync.events;

import jakarta.json.JsonObject;

/**
 * A webhook whose signature was verified and which was handled: fired once per delivery, not again
 * for a redelivery, whether the mirror changed a row or had nothing to do (session and account
 * events, stale updates), after what it did was committed. Not fired for a refused delivery (its
 * retry fires it) nor for a backfill or reconciliation. Observe it to react to events the tables do
 * not hold.
 *
 * @param provider id of the sending provider ({@code better-auth}, …)
 * @param event the event name as sent, e.g. {@code user.created} or {@code session.created}
 * @param deliveryKey what this delivery is recognised by when it is sent again, and the key it is
 *     recorded under in {@code capydb_auth.deliveries}: the sender's delivery id (from its headers),
 *     else the body's event id, else {@code sha256:} and the digest of the body
 * @param payload the parsed request body
 */
public record WebhookReceived(String provider, String event, String deliveryKey, JsonObject payload) {
}
