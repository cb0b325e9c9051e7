package dev.capydb.authsync;

import java.util.Map;

/**
 * Where a {@link Backfill} stands, as of its last checkpoint.
 *
 * @param executionId the job execution
 * @param job the job's name, such as {@link Backfill#BETTER_AUTH_JOB}
 * @param status Jakarta Batch's status: {@code STARTING}, {@code STARTED}, {@code STOPPING},
 *     {@code STOPPED}, {@code FAILED}, {@code COMPLETED} or {@code ABANDONED}
 * @param total the objects in the source when the job started (users, organizations and memberships),
 *     or -1 where it cannot tell
 * @param read objects read so far
 * @param mirrored objects whose row was inserted or changed
 * @param unchanged objects whose row was already as new (a webhook came first, or an earlier run)
 * @param skipped objects that could not be mirrored, counted by reason in {@code skipReasons}
 */
public record BackfillProgress(long executionId, String job, String status, long total, long read, long mirrored,
        long unchanged, long skipped, Map<String, Long> skipReasons) {
}
