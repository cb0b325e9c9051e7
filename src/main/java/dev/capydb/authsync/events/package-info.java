/**
 * CDI events of capydb-auth-sync. Every event is fired after the transaction that holds its change
 * committed, to synchronous and to asynchronous observers alike. {@code @Observes} observers are
 * notified in the order the deliveries arrived, on the thread that wrote their group commit, before
 * the next group is written and before the senders are answered: keep them quick. {@code @ObservesAsync}
 * observers run on the server's default managed executor, in no particular order, and nothing waits
 * for them: hand slow work (mail, calls to other services) to them. An exception thrown by an
 * observer of either kind is logged and does not change the answer to the sender, since the change
 * is already durable.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class WelcomeMail {
 *     void onSignUp(@ObservesAsync UserCreated created) {
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
