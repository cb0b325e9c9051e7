package dev.capydb.authsync.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An organization as every provider's webhook becomes it: the typed columns of
 * {@code capydb_auth.organizations} plus {@code raw}, the provider's organization object as JSON
 * text. Fields a provider does not send are {@code null} (Better Auth's organization has no
 * {@code updatedAt}; Clerk's deletion sends only the id).
 */
public record NormalizedOrganization(
        String id,
        String name,
        String slug,
        String imageUrl,
        Instant createdAt,
        Instant updatedAt,
        String raw) {

    public NormalizedOrganization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(raw, "raw");
    }
}
