package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.BackfillProgress;
import dev.capydb.authsync.internal.common.Outcome;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a backfill did so far: kept with the step's checkpoint, so that a restarted job goes on
 * counting where the stopped one left off.
 */
public final class BackfillCounts implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Distinct skip reasons kept; beyond, skips are counted under the last one. */
    private static final int MAX_REASONS = 20;
    static final String OTHER_REASONS = "other reasons";

    /** Objects (users, organizations, memberships) in the source when the job started, or -1 where it cannot tell. */
    long total = -1;
    long read;
    long mirrored;
    long unchanged;
    long skipped;
    final Map<String, Long> skipReasons = new LinkedHashMap<>();

    BackfillCounts copy() {
        BackfillCounts copy = new BackfillCounts();
        copy.total = total;
        copy.read = read;
        copy.mirrored = mirrored;
        copy.unchanged = unchanged;
        copy.skipped = skipped;
        copy.skipReasons.putAll(skipReasons);
        return copy;
    }

    /** An object written: {@code mirrored} if the mirror changed, else {@code unchanged} (a webhook or an earlier run came first). */
    void count(Outcome outcome) {
        if (outcome.changedTheMirror()) {
            mirrored++;
        } else {
            unchanged++;
        }
    }

    void skip(String reason) {
        skipped++;
        String key = skipReasons.containsKey(reason) || skipReasons.size() < MAX_REASONS - 1 ? reason : OTHER_REASONS;
        skipReasons.merge(key, 1L, Long::sum);
    }

    BackfillProgress progress(long executionId, String job, String status) {
        return new BackfillProgress(executionId, job, status, total, read, mirrored, unchanged, skipped,
                Map.copyOf(skipReasons));
    }
}
