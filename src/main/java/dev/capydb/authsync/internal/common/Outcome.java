package dev.capydb.authsync.internal.common;

import java.util.Arrays;
import java.util.List;

/**
 * What one write did to the mirror: a delivery, or an object a backfill or reconciliation read, applied
 * to its row of {@code users}, {@code organizations} or {@code memberships}. Its {@link #wireName()} is
 * the one word for it everywhere outside the code: the {@code status} the sender is answered, the
 * {@code outcome} tag of the delivery counter, the delivery log, and the backfill's counts.
 */
public enum Outcome {

    /** A row was inserted or changed; for a snapshot, a row was changed. */
    CHANGED(Outcome.MIRRORED),
    /** A snapshot inserted the row of an object the table did not hold. */
    INSERTED(Outcome.MIRRORED),
    /**
     * A deleted user's or organization's row took an event from before the deletion that arrived after
     * it: the table changed, but the object stays deleted, so no change is announced.
     */
    CHANGED_WHILE_DELETED(Outcome.MIRRORED),
    /** Nothing to change: the event is stale, or its user or organization was deleted before it. */
    UNCHANGED("unchanged"),
    /** The event is about something the mirror does not hold (sessions, accounts, invitations, …). */
    NOT_MIRRORED("not_mirrored"),
    /** This delivery was applied before; nothing was done this time. */
    DUPLICATE("duplicate");

    private static final String MIRRORED = "mirrored";

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    /** {@code mirrored}, {@code unchanged}, {@code not_mirrored} or {@code duplicate}. */
    public String wireName() {
        return wireName;
    }

    /** Whether the mirror's table changed: what the sender is answered {@code mirrored} for. */
    public boolean changedTheMirror() {
        return wireName.equals(MIRRORED);
    }

    /** The distinct wire names, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Outcome::wireName).distinct().toList();
    }
}
