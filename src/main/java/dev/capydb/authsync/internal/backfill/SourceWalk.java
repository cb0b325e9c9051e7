package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a reconciliation learns while its first step reads the source as a backfill does, for the
 * step that then looks for what the source no longer has: which of the mirror's tables the source
 * holds (Better Auth without the organization plugin has no organizations to compare with), and
 * what the reading counted. The reconciliation's job keeps it as its transient user data; a
 * backfill has none. Each object read is also recorded, under {@link #runId}, by the writer.
 */
public final class SourceWalk {

    private final String runId;
    private final Set<NormalizedEvent.Subject> subjects = EnumSet.noneOf(NormalizedEvent.Subject.class);
    private volatile BackfillCounts counts = new BackfillCounts();

    public SourceWalk(String runId) {
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    /** The subjects whose objects the source holds, each read whole once the read step completed. */
    public synchronized Set<NormalizedEvent.Subject> subjects() {
        return Set.copyOf(subjects);
    }

    synchronized void holds(NormalizedEvent.Subject subject, boolean held) {
        if (held) {
            subjects.add(subject);
        } else {
            subjects.remove(subject);
        }
    }

    void counted(BackfillCounts counts) {
        this.counts = counts.copy();
    }

    public long read() {
        return counts.read;
    }

    /** Objects whose row was inserted or changed. */
    public long repaired() {
        return counts.mirrored;
    }

    public long unchanged() {
        return counts.unchanged;
    }

    /** Objects that could not be mirrored: invalid, or refused by the database. */
    public long skipped() {
        return counts.skipped;
    }
}
