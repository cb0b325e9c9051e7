package dev.capydb.authsync.events;

import jakarta.json.JsonObject;

/**
 * A webhook whose signature was verified and which was handled: fired for every such delivery,
 * whether the mirror changed a row or had nothing to do (session and account events, for example),
 * after any change it made was committed. Use it to react to events the table does not hold.
 *
 * @param provider id of the sending provider ({@code better-auth}, …)
 * @param event the event name as sent, e.g. {@code user.created} or {@code session.created}
 * @param deliveryId the sender's id of this delivery, or {@code null} when its scheme has none
 * @param payload the parsed request body
 */
public record WebhookReceived(String provider, String event, String deliveryId, JsonObject payload) {
}
