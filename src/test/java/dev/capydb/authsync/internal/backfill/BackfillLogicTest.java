package dev.capydb.authsync.internal.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackfillLogicTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void clerksRetryAfterIsWaitedOutWithinBounds() {
        assertEquals(Duration.ofSeconds(3), ClerkUsers.retryAfter("3", NOW));
        assertEquals(Duration.ofSeconds(1), ClerkUsers.retryAfter(null, NOW), "absent: a second");
        assertEquals(Duration.ofSeconds(1), ClerkUsers.retryAfter("soon", NOW), "unreadable: a second");
        assertEquals(Duration.ofMinutes(1), ClerkUsers.retryAfter("86400", NOW), "never a day");
        assertEquals(Duration.ZERO, ClerkUsers.retryAfter("-5", NOW));
        assertEquals(Duration.ofSeconds(20), ClerkUsers.retryAfter("Mon, 23 Nov 2026 10:00:20 GMT", NOW), "an HTTP date");
    }

    @Test
    void skipReasonsAreBoundedWhateverTheSourceHolds() {
        BackfillCounts counts = new BackfillCounts();
        IntStream.range(0, 100).forEach(i -> counts.skip("reason " + (i % 40)));
        assertEquals(100, counts.skipped());
        assertEquals(20, counts.skipReasons().size());
        assertEquals(100, counts.skipReasons().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(3, counts.skipReasons().get("reason 0"), "0, 40 and 80");
    }
}
