package dev.capydb.authsync.internal.receiving;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.capydb.authsync.internal.normalization.InvalidPayloadException;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import dev.capydb.authsync.internal.providers.Provider;
import dev.capydb.authsync.internal.verification.SignatureScheme;
import dev.capydb.authsync.internal.verification.SignatureVerificationException;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Coverage-guided fuzzing of everything that reads what a sender controls: every provider's
 * signature-header parsing and verification, the JSON body parser, and every provider's normalizer.
 * The only exceptions allowed out are the documented rejections ({@link SignatureVerificationException},
 * {@link InvalidPayloadException}); anything else is a finding, since it would be a 500.
 *
 * <p>{@code mvn verify} fuzzes for the time of {@code maxDuration}; CONTRIBUTING.md "Fuzzing longer"
 * gives the command for a long run.
 */
class ParsersFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T10:30:00Z"), ZoneOffset.UTC);
    /** A valid secret for every scheme: {@code whsec_} and base64, which the plain-text schemes take as it is. */
    private static final List<String> SECRETS = List.of("whsec_c2VjcmV0LWZvci1mdXp6aW5n");
    private static final Provider[] PROVIDERS = Provider.values();
    private static final Map<Provider, SignatureScheme> SCHEMES = new HashMap<>();

    static {
        for (Provider provider : PROVIDERS) {
            SCHEMES.put(provider, provider.signatureScheme(SECRETS, Duration.ofMinutes(5), CLOCK));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void onlyDocumentedRejectionsEscape(FuzzedDataProvider data) {
        Provider provider = PROVIDERS[data.consumeInt(0, PROVIDERS.length - 1)];
        if (data.consumeBoolean()) {
            verify(provider, data);
        } else {
            normalize(provider, data.consumeRemainingAsBytes());
        }
    }

    private static void verify(Provider provider, FuzzedDataProvider data) {
        Map<String, String> headers = new HashMap<>();
        SignatureScheme.HeaderLookup lookup = name -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                key -> data.consumeBoolean() ? data.consumeString(300) : null);
        byte[] body = data.consumeBytes(2000);
        try {
            SCHEMES.get(provider).verify(lookup, body);
        } catch (SignatureVerificationException e) {
            // A documented rejection: 401.
        }
    }

    private static void normalize(Provider provider, byte[] body) {
        try {
            JsonObject envelope = JsonBody.parseObject(body);
            NormalizedEvent event = provider.normalizer().normalize(envelope);
            event.sourceTime();
            DeliveryKey.of(null, event.eventId(), body);
        } catch (InvalidPayloadException e) {
            // A documented rejection: 400.
        }
    }
}
