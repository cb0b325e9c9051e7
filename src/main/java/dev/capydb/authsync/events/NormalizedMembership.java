package dev.capydb.authsync.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's membership of an organization as every provider's webhook becomes it: the typed columns
 * of {@code capydb_auth.memberships} plus {@code raw}, the provider's membership object as JSON
 * text. The organization and the user identify it; {@code role} is the provider's role string as
 * sent ({@code org:admin} from Clerk, {@code owner} or {@code admin,member} from Better Auth).
 */
public record NormalizedMembership(
        String organizationId,
        String userId,
        String role,
        Instant createdAt,
        Instant updatedAt,
        String raw) {

    public NormalizedMembership {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(raw, "raw");
    }
}
