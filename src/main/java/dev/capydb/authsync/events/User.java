package dev.capydb.authsync.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A user as the provider described it in the change an event announces: the typed columns of
 * {@code capydb_auth.users} and the provider's own object. The same shape for every provider; a field
 * the provider did not send is {@code null} (Better Auth has no {@code lastSignInAt}; a deletion often
 * carries only the id).
 *
 * @param id the provider's user id; never {@code null}
 * @param email the primary email address
 * @param firstName the first name (Better Auth and Banata: the first word of {@code name})
 * @param lastName the last name (Better Auth and Banata: the rest of {@code name})
 * @param username the username, where the provider has one
 * @param imageUrl the address of the user's picture
 * @param createdAt when the provider created the user
 * @param updatedAt when the provider last changed the user
 * @param lastSignInAt when the user last signed in, where the provider tells
 * @param raw the provider's user object as JSON text, as it sent it: for the fields the others do not
 *     cover; never {@code null}
 */
public record User(
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

    /**
     * A user with these values.
     *
     * @param id {@link #id()}
     * @param email {@link #email()}
     * @param firstName {@link #firstName()}
     * @param lastName {@link #lastName()}
     * @param username {@link #username()}
     * @param imageUrl {@link #imageUrl()}
     * @param createdAt {@link #createdAt()}
     * @param updatedAt {@link #updatedAt()}
     * @param lastSignInAt {@link #lastSignInAt()}
     * @param raw {@link #raw()}
     * @throws NullPointerException if {@code id} or {@code raw} is {@code null}
     */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(raw, "raw");
    }
}
