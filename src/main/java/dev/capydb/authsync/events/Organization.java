package dev.capydb.authsync.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An organization as the provider described it in the change an event announces: the typed columns
 * of {@code capydb_auth.organizations} and the provider's own object. A field the provider did not
 * send is {@code null} (Better Auth's organizations have no {@code updatedAt}; Clerk's deletion sends
 * only the id).
 *
 * @param id the provider's organization id; never {@code null}
 * @param name the organization's name
 * @param slug its short name in addresses
 * @param imageUrl the address of its image or logo
 * @param createdAt when the provider created it
 * @param updatedAt when the provider last changed it
 * @param raw the provider's organization object as JSON text, as it sent it; never {@code null}
 */
public record Organization(
        String id,
        String name,
        String slug,
        String imageUrl,
        Instant createdAt,
        Instant updatedAt,
        String raw) {

    /**
     * An organization with these values.
     *
     * @param id {@link #id()}
     * @param name {@link #name()}
     * @param slug {@link #slug()}
     * @param imageUrl {@link #imageUrl()}
     * @param createdAt {@link #createdAt()}
     * @param updatedAt {@link #updatedAt()}
     * @param raw {@link #raw()}
     * @throws NullPointerException if {@code id} or {@code raw} is {@code null}
     */
    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(raw, "raw");
    }
}
