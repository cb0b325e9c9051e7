/**
 * CDI events of capydb-auth-sync. Every event is fired after the delivery's transaction committed,
 * synchronously, in the order the deliveries arrived, before the sender is answered. Deliveries are
 * committed in groups (group commit), and a group's events are fired one after another on the thread
 * that wrote it, before the next group is written: keep observers quick, and hand slow work (mail, calls
 * to other services) to a managed executor. An exception thrown by an observer is logged and does not
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
