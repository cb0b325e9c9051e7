package dev.capydb.authsync.internal.providers;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.normalization.Auth0Normalizer;
import dev.capydb.authsync.internal.normalization.BanataNormalizer;
import dev.capydb.authsync.internal.normalization.BetterAuthNormalizer;
import dev.capydb.authsync.internal.normalization.ClerkNormalizer;
import dev.capydb.authsync.internal.normalization.StandardWebhooksNormalizer;
import dev.capydb.authsync.internal.normalization.Normalizer;
import dev.capydb.authsync.internal.verification.Auth0Authorization;
import dev.capydb.authsync.internal.verification.BanataSignature;
import dev.capydb.authsync.internal.verification.BetterAuthPluginSignature;
import dev.capydb.authsync.internal.verification.BetterAuthSignature;
import dev.capydb.authsync.internal.verification.SchemeChosenByHeader;
import dev.capydb.authsync.internal.verification.SignatureScheme;
import dev.capydb.authsync.internal.verification.StandardWebhooksSignature;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The senders the receiver understands: for each, its id (path segment and config key), how its
 * signature is checked and how its objects (users, organizations, memberships) become rows of the mirror.
 */
public enum Provider {

    BETTER_AUTH("better-auth", (secrets, tolerance, clock) -> {
        LinkedHashMap<String, SignatureScheme> schemes = new LinkedHashMap<>();
        schemes.put(BetterAuthSignature.HEADER, new BetterAuthSignature(secrets));
        schemes.put(BetterAuthPluginSignature.HEADER, new BetterAuthPluginSignature(secrets, tolerance, clock));
        return new SchemeChosenByHeader(schemes);
    }, new BetterAuthNormalizer()),

    BANATA("banata", BanataSignature::new, new BanataNormalizer()),

    STANDARD_WEBHOOKS("standard-webhooks", StandardWebhooksSignature::new, new StandardWebhooksNormalizer()),

    CLERK("clerk", StandardWebhooksSignature::new, new ClerkNormalizer()),

    AUTH0("auth0", (secrets, tolerance, clock) -> new Auth0Authorization(secrets), new Auth0Normalizer());

    /** Builds a provider's signature scheme from its configured secrets. */
    @FunctionalInterface
    interface SchemeFactory {
        SignatureScheme create(List<String> secrets, Duration tolerance, Clock clock);
    }

    private final String id;
    private final SchemeFactory schemeFactory;
    private final Normalizer normalizer;

    Provider(String id, SchemeFactory schemeFactory, Normalizer normalizer) {
        this.id = id;
        this.schemeFactory = schemeFactory;
        this.normalizer = normalizer;
    }

    public String id() {
        return id;
    }

    /** @throws IllegalStateException naming the config key when a secret is unusable (never quoting it) */
    public SignatureScheme signatureScheme(List<String> secrets, Duration tolerance, Clock clock) {
        try {
            return schemeFactory.create(secrets, tolerance, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(Settings.secretKey(id) + ": " + e.getMessage());
        }
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    public static Optional<Provider> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The ids of every provider the receiver understands, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Provider::id).toList();
    }

    /** The ids of the providers that have a secret in {@code settings}, in declaration order: the enabled ones. */
    public static List<String> configured(Settings settings) {
        return Arrays.stream(values()).map(Provider::id).filter(id -> !settings.secrets(id).isEmpty()).toList();
    }

    /** Looked up on every delivery: one map rather than a scan of a fresh copy of {@code values()}. */
    private static final Map<String, Provider> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Provider::id, p -> p));
}
