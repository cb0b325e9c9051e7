/**
 * capydb-auth-sync: receives the signed webhooks of an authentication provider, verifies them over
 * the exact bytes received, and mirrors the provider's users, organizations and memberships into the
 * schema {@code capydb_auth} of the application's own database. Dropped into {@code WEB-INF/lib}, it
 * installs itself; this package holds what an application touches:
 *
 * <ul>
 * <li>configuration: the {@code capydb.auth.*} keys (MicroProfile Config, {@code web.xml} context
 * parameters) or {@link dev.capydb.authsync.AuthSyncDefinition} on a class of the application, and
 * {@link dev.capydb.authsync.AuthSyncFilter} to map the receiver in {@code web.xml} by hand;</li>
 * <li>reading the mirror: the read-only JPA entities {@link dev.capydb.authsync.AuthUser},
 * {@link dev.capydb.authsync.AuthOrganization} and {@link dev.capydb.authsync.AuthMembership}, to list
 * in the application's persistence unit;</li>
 * <li>filling and repairing it: the CDI beans {@link dev.capydb.authsync.Backfill} and
 * {@link dev.capydb.authsync.Reconciliation};</li>
 * <li>testing against it: {@link dev.capydb.authsync.WebhookSignatures} signs bodies as each provider
 * does.</li>
 * </ul>
 *
 * <p>Reacting to changes is done with CDI observers of the event types in
 * {@link dev.capydb.authsync.events}. Everything under {@code dev.capydb.authsync.internal} is the
 * library's own and may change in any release.
 */
package dev.capydb.authsync;
