package dev.capydb.authsync.internal;

import dev.capydb.authsync.internal.normalization.BetterAuthNormalizer;
import dev.capydb.authsync.internal.normalization.UserNormalizer;
import dev.capydb.authsync.internal.verification.BetterAuthSignature;
import dev.capydb.authsync.internal.verification.SignatureScheme;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The senders the receiver understands: for each, its id (path segment and config key), how its
 * signature is checked and how its user object becomes a row of {@code capydb_auth.users}.
 */
public enum Provider {

    BETTER_AUTH("better-auth", (secrets, tolerance, clock) -> new BetterAuthSignature(secrets),
            new BetterAuthNormalizer());

    /** Builds a provider's signature scheme from its configured secrets. */
    @FunctionalInterface
    interface SchemeFactory {
        SignatureScheme create(List<String> secrets, Duration tolerance, Clock clock);
    }

    private final String id;
    private final SchemeFactory schemeFactory;
    private final UserNormalizer normalizer;

    Provider(String id, SchemeFactory schemeFactory, UserNormalizer normalizer) {
        this.id = id;
        this.schemeFactory = schemeFactory;
        this.normalizer = normalizer;
    }

    public String id() {
        return id;
    }

    public SignatureScheme signatureScheme(List<String> secrets, Duration tolerance, Clock clock) {
        return schemeFactory.create(secrets, tolerance, clock);
    }

    public UserNormalizer normalizer() {
        return normalizer;
    }

    public static Optional<Provider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
