package dev.capydb.authsync;

import java.time.Instant;
import java.util.Locale;

/**
 * One run of a {@link Reconciliation}, as its report in {@code capydb_auth.reconciliation_runs} holds it.
 *
 * @param id the run's id (a UUID), the same on every node
 * @param provider the provider reconciled, {@code better-auth} or {@code clerk}
 * @param node the application-server node that ran it (host name and process id)
 * @param startedBy {@code schedule}, or {@code call} (the admin call or the CDI bean)
 * @param status where it stands
 * @param startedAt when it took the provider's lock
 * @param finishedAt when it ended; {@code null} while it runs
 * @param read objects (users, organizations, memberships) read from the source
 * @param repaired objects whose row the run inserted or changed: a sign-up or a change the webhooks missed
 * @param unchanged objects whose row was already as new
 * @param skipped objects that could not be mirrored (an invalid object, a value the database refused)
 * @param deleted rows live in the mirror and gone from the source, marked deleted
 * @param wouldDelete rows found gone from the source; deleted unless the safety stop held
 * @param safetyStop whether the safety stop held the deletions back: they were more than the allowed
 *     share of the live rows ({@code capydb.auth.reconcile.max-deletion-share}); a run started with
 *     deletions confirmed goes on
 * @param detail why the safety stop held, why nothing was deleted, or why the run failed; {@code null} when there is nothing to say
 */
public record ReconciliationRun(String id, String provider, String node, String startedBy, Status status,
        Instant startedAt, Instant finishedAt, long read, long repaired, long unchanged, long skipped, long deleted,
        long wouldDelete, boolean safetyStop, String detail) {

    /** Where a run stands. */
    public enum Status {
        /** It holds the provider's lock and reads, repairs or deletes. */
        RUNNING,
        /** It read the whole source, repaired the mirror and deleted what it found gone (unless the safety stop held). */
        COMPLETED,
        /** It ended early: the source or the database failed, or it lost its lock. */
        FAILED,
        /** Its node stopped renewing its lock (it died or was killed); a later run took the lock over. */
        ABANDONED;

        /** {@return the status's name in the report and in the admin call's answer: {@code running}, …} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The status of a name {@link #wireName()} gave.
         *
         * @param name {@code running}, {@code completed}, {@code failed} or {@code abandoned}
         * @return the status
         * @throws IllegalArgumentException when no status has this name
         */
        public static Status ofWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }
}
