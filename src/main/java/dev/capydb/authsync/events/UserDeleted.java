package dev.capydb.authsync.events;

import java.time.Instant;

/**
 * A user was marked deleted in {@code capydb_auth.users}, committed: a {@code user.deleted} webhook
 * was mirrored, or a reconciliation found the user gone from its source. The row is kept (soft
 * delete) and stays deleted: a late create or update never brings it back.
 *
 * @param provider the provider's id ({@link UserChange#provider()})
 * @param user what the deletion carried, often only the id
 * @param deletedAt the row's {@code deleted_at}: the time the provider gave the deletion, else when
 *     it was received (a reconciliation: when it ran)
 */
public record UserDeleted(String provider, User user, Instant deletedAt) implements UserChange {
}
