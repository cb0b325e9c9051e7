package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import java.time.Instant;

/**
 * A verified delivery, or a backfilled object, as the mirror applies it.
 *
 * @param provider the sending provider's id
 * @param key what a redelivery of it is recognised by (see {@code DeliveryKey})
 * @param receivedAt when it arrived, kept with the key until the retention period ends
 * @param event what it means for its row
 * @param deletedAt the {@code deleted_at} a deletion (or a member's removal) sets
 */
public record MirrorWrite(String provider, String key, Instant receivedAt, NormalizedEvent event, Instant deletedAt) {
}
