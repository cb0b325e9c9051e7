package dev.capydb.authsync.events;

import java.time.Instant;

/**
 * A {@code user.deleted} webhook set {@code deleted_at} of the user's row and was committed. The row
 * is kept (soft delete); {@link #user()} carries what the deletion webhook sent, often only the id.
 */
public record UserDeleted(String provider, NormalizedUser user, Instant deletedAt) implements UserChange {
}
