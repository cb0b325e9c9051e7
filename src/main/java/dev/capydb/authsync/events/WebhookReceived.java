package dev.capydb.authsync.events;

import jakarta.json.JsonObject;

/**
 * A webhook whose signature was verified and which was handled: fired once per delivery, not again
 * for a redelivery, whether the mirror changed a row or had nothing to do (session and account
 * events, stale updates), after what it did was committed. Not fired for a refused delivery (its
 * retry fires it) nor for a backfill. Use it to react to events the table does not hold.
 *
 * @param provider id of the sending provider ({@code better-auth}, …)
 * @param event the event name as sent, e.g. {@code user.created} or {@code session.created}
 * @param deliveryId the key this delivery is deduplicated by: the sender's delivery id (header), else
 *     the body's event id, else {@code sha256:} and the body's digest
 * @param payload the parsed request body
 */
public record WebhookReceived(String provider, String event, String deliveryId, JsonObject payload) {
}
