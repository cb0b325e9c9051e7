package dev.capydb.authsync.internal.mirroring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The providers' freshness as the nodes share it, on H2: the latest delivery any node recorded wins. */
class FreshnessStoreTest {

    private static final Instant T1 = Instant.parse("2025-01-15T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-01-16T10:00:00Z");
    private static final Instant T3 = Instant.parse("2025-01-17T10:00:00Z");

    private final H2Mirror h2 = new H2Mirror();
    private final FreshnessStore store = h2.freshnessStore();

    @AfterEach
    void drop() throws SQLException {
        h2.close();
    }

    @Test
    void theLatestDeliveryOfAnyNodeIsKept() throws SQLException {
        store.delivered(Map.of("clerk", T2, "banata", T1));
        store.delivered(Map.of("clerk", T1));
        assertEquals(T2, store.read().get("clerk").lastDelivery(), "an earlier one from another node changes nothing");
        store.delivered(Map.of("clerk", T3));
        Map<String, FreshnessStore.Freshness> freshness = store.read();
        assertEquals(T3, freshness.get("clerk").lastDelivery());
        assertEquals(T1, freshness.get("banata").lastDelivery());
        assertNull(freshness.get("clerk").lastReconciled());
    }
}
