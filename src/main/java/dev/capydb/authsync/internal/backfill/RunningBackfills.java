package dev.capydb.authsync.internal.backfill;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counts of the backfills running in this application, after each chunk: what progress shows
 * while a job runs, since a batch runtime need not expose a step's checkpointed data before the
 * step ends (Payara's does not). Once a job ended, its step's persistent data is the record.
 */
@ApplicationScoped
public class RunningBackfills {

    private final Map<Long, BackfillCounts> running = new ConcurrentHashMap<>();

    void update(long executionId, BackfillCounts counts) {
        running.put(executionId, counts.copy());
    }

    void remove(long executionId) {
        running.remove(executionId);
    }

    /** The counts after the last chunk of a running execution. */
    Optional<BackfillCounts> counts(long executionId) {
        return Optional.ofNullable(running.get(executionId));
    }
}
