package dev.capydb.authsync.internal.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capydb.authsync.Backfill;
import dev.capydb.authsync.BackfillProgress;
import dev.capydb.authsync.internal.common.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackfillLogicTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void clerksRetryAfterIsWaitedOutWithinBounds() {
        Duration otherwise = Duration.ofSeconds(4);
        assertEquals(Duration.ofSeconds(3), ClerkApi.retryAfter("3", NOW, otherwise));
        assertEquals(otherwise, ClerkApi.retryAfter(null, NOW, otherwise), "absent");
        assertEquals(otherwise, ClerkApi.retryAfter("soon", NOW, otherwise), "unreadable");
        assertEquals(Duration.ofMinutes(1), ClerkApi.retryAfter("86400", NOW, otherwise), "never a day");
        assertEquals(Duration.ZERO, ClerkApi.retryAfter("-5", NOW, otherwise));
        assertEquals(Duration.ofSeconds(20), ClerkApi.retryAfter("Mon, 23 Nov 2026 10:00:20 GMT", NOW, otherwise),
                "an HTTP date");
    }

    @Test
    void faultsThatSayNothingOfWhenAreTriedAgainAfterDoublingWaits() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), IntStream.range(1, ClerkApi.MAX_ATTEMPTS)
                .mapToObj(ClerkApi::backoff).map(Duration::toSeconds).toList());
    }

    @Test
    void skipReasonsAreBoundedWhateverTheSourceHolds() {
        BackfillCounts counts = new BackfillCounts();
        IntStream.range(0, 100).forEach(i -> counts.skip("reason " + (i % 40)));
        BackfillProgress progress = counts.progress(1, Backfill.BETTER_AUTH_JOB, "STARTED");
        assertEquals(100, progress.skipped());
        assertEquals(20, progress.skipReasons().size());
        assertEquals(100, progress.skipReasons().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(3, progress.skipReasons().get("reason 0"), "0, 40 and 80");
    }

    @Test
    void usersAreCountedInTheWordsTheSenderIsAnswered() {
        BackfillCounts counts = new BackfillCounts();
        for (Outcome outcome : Outcome.values()) {
            counts.count(outcome);
        }
        BackfillProgress progress = counts.progress(1, Backfill.CLERK_JOB, "COMPLETED");
        assertEquals(3, progress.mirrored(), "inserted, changed, changed while deleted");
        assertEquals(3, progress.unchanged(), "unchanged, not mirrored, duplicate");
    }
}
