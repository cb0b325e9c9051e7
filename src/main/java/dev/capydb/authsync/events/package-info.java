/**
 * CDI events of capydb-auth-sync. Every event is fired after the delivery's transaction committed,
 * synchronously, on the request thread; an exception thrown by an observer is logged and does not
 * change the answer to the sender, since the change is already durable.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class WelcomeMail {
 *     void onSignUp(@Observes UserCreated created) {
 *         mailer.sendWelcome(created.user().email());
 *     }
 *
 *     void onAnyDelivery(@Observes WebhookReceived delivery) {
 *         if (delivery.event().startsWith("session.")) { ... }
 *     }
 * }
 * }</pre>
 */
package dev.capydb.authsync.events;
