package dev.capydb.authsync.internal.mirroring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recorded delivery keys are forgotten once older than the retention period, on H2. */
class DeliveryKeyPrunerTest {

    private final H2Mirror h2 = new H2Mirror();

    @AfterEach
    void drop() throws SQLException {
        h2.close();
    }

    @Test
    void keysOlderThanTheRetentionAreForgotten() throws SQLException {
        Instant now = Instant.now();
        try (Connection connection = h2.connect()) {
            MirrorTransaction.write(connection, h2.database().dialect(), List.of(
                    delivery("old", now.minus(Duration.ofDays(8))), delivery("recent", now.minus(Duration.ofDays(6)))));
        }
        DeliveryKeyPruner pruner = new DeliveryKeyPruner();
        // Without a server there is no scheduler: nothing prunes on its own.
        pruner.start(h2.database().dataSource(), h2.database().dialect(), Duration.ofDays(7));
        assertEquals(1, pruner.prune());
        assertEquals(List.of("recent"), h2.query("SELECT delivery_id FROM capydb_auth.deliveries").stream()
                .map(row -> row.get("delivery_id")).toList());
        assertEquals(0, pruner.prune());
    }

    private static MirrorWrite delivery(String key, Instant receivedAt) {
        return new MirrorWrite("test", key, receivedAt, NormalizedEvent.notMirrored("session.created", null, null), null);
    }
}
