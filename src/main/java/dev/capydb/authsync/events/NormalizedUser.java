package dev.capydb.authsync.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A user as every provider's webhook becomes it: the typed columns of {@code capydb_auth.users}
 * plus {@code raw}, the provider's user object as JSON text. Fields a provider does not send are
 * {@code null} (Better Auth never sends {@code lastSignInAt}).
 */
public record NormalizedUser(
        String id,
        String email,
        String firstName,
        String lastName,
        String username,
        String imageUrl,
        Instant createdAt,
        Instant updatedAt,
        Instant lastSignInAt,
        String raw) {

    public NormalizedUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(raw, "raw");
    }
}
