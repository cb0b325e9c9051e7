package dev.capydb.authsync.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's membership of an organization as the provider described it in the change an event
 * announces: the typed columns of {@code capydb_auth.memberships} and the provider's own object. The
 * organization and the user identify it.
 *
 * @param organizationId the provider's id of the organization; never {@code null}
 * @param userId the provider's id of the user; never {@code null}
 * @param role the provider's role string as sent: {@code org:admin} from Clerk, {@code owner} or
 *     {@code admin,member} from Better Auth
 * @param createdAt when the user joined
 * @param updatedAt when the provider last changed the membership
 * @param raw the provider's membership object as JSON text, as it sent it; never {@code null}
 */
public record Membership(
        String organizationId,
        String userId,
        String role,
        Instant createdAt,
        Instant updatedAt,
        String raw) {

    /**
     * A membership with these values.
     *
     * @param organizationId {@link #organizationId()}
     * @param userId {@link #userId()}
     * @param role {@link #role()}
     * @param createdAt {@link #createdAt()}
     * @param updatedAt {@link #updatedAt()}
     * @param raw {@link #raw()}
     * @throws NullPointerException if {@code organizationId}, {@code userId} or {@code raw} is {@code null}
     */
    public Membership {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(raw, "raw");
    }
}
