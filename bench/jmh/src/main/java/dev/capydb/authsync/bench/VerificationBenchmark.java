package dev.capydb.authsync.bench;

import com.stripe.net.Webhook.Signature;
import com.svix.Webhook;
import dev.capydb.authsync.WebhookSignatures;
import dev.capydb.authsync.internal.verification.BanataSignature;
import dev.capydb.authsync.internal.verification.BetterAuthSignature;
import dev.capydb.authsync.internal.verification.SignatureScheme;
import dev.capydb.authsync.internal.verification.StandardWebhooksSignature;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying one valid delivery (the accepted path), per scheme and body size: this library's schemes
 * on the {@code byte[]} body the servlet filter holds, and the Svix and Stripe SDKs on the same
 * signed input with the payload as the {@code String} their APIs take. Benchmarks are named
 * {@code <scheme>_<implementation>} so that the ones to compare sit next to each other.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VerificationBenchmark {

    private static final String BETTER_AUTH_SECRET = "capydb-better-auth-benchmark-secret-7c1e";
    // Without whsec_: Banata drops the prefix while Stripe keys with the whole string, so only an
    // unprefixed secret gives both the same key (its UTF-8 bytes).
    private static final String BANATA_SECRET = "banata_bench_5b2f0c9e7a1d4c3b8e6f0a9d";
    // The Standard Webhooks specification's example secret (base64 of 24 bytes after whsec_).
    private static final String STANDARD_WEBHOOKS_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MESSAGE_ID = "msg_2ZkQ5d9QbT0sJ3nFhWcXyV7pLe";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    // Stripe checks only that the timestamp is not older than this; a trial lasts well under it.
    private static final long STRIPE_TOLERANCE_SECONDS = 3600;

    /** Body size in bytes. */
    @Param({"1024", "65536"})
    public int size;

    /** {@code ascii}: the body is all ASCII; {@code utf8}: it has non-ASCII names (see {@link JsonBodies}). */
    @Param({"ascii", "utf8"})
    public String text;

    private byte[] body;

    private BetterAuthSignature betterAuth;
    private SignatureScheme.HeaderLookup betterAuthHeaders;

    private BanataSignature banata;
    private SignatureScheme.HeaderLookup banataHeaders;
    private String stripePayload;
    private String stripeSignatureHeader;

    private StandardWebhooksSignature standardWebhooks;
    private SignatureScheme.HeaderLookup standardWebhooksHeaders;
    private Webhook svix;
    private String svixPayload;
    private HttpHeaders svixHeaders;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (!text.equals("ascii") && !text.equals("utf8")) {
            throw new IllegalArgumentException("text is ascii or utf8");
        }
        body = JsonBodies.ofSize(size, text.equals("ascii"));
        // Signed now, to the second, as a sender would: Svix and Stripe check against the system clock;
        // our schemes get a clock fixed at the same instant.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);

        betterAuth = new BetterAuthSignature(List.of(BETTER_AUTH_SECRET));
        betterAuthHeaders = lookup(WebhookSignatures.betterAuth(BETTER_AUTH_SECRET, body));

        Map<String, String> banataSigned = WebhookSignatures.banata(BANATA_SECRET, body, MESSAGE_ID, now);
        banata = new BanataSignature(List.of(BANATA_SECRET), TOLERANCE, clock);
        banataHeaders = lookup(banataSigned);
        // Stripe's header has the same form (t=<seconds>,v1=<hex> over "<t>.<payload>").
        stripePayload = new String(body, StandardCharsets.UTF_8);
        stripeSignatureHeader = banataSigned.get("Webhook-Signature");

        Map<String, String> standardSigned =
                WebhookSignatures.standardWebhooks(STANDARD_WEBHOOKS_SECRET, body, MESSAGE_ID, now);
        standardWebhooks = new StandardWebhooksSignature(List.of(STANDARD_WEBHOOKS_SECRET), TOLERANCE, clock);
        standardWebhooksHeaders = lookup(standardSigned);
        svix = new Webhook(STANDARD_WEBHOOKS_SECRET);
        svixPayload = new String(body, StandardCharsets.UTF_8);
        svixHeaders = HttpHeaders.of(standardSigned.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (name, value) -> true);

        requireVerified();
    }

    /** Each benchmark must measure acceptance: a rejection throws here instead of being measured. */
    private void requireVerified() throws Exception {
        if (!Optional.empty().equals(betterAuth_ours())) {
            throw new IllegalStateException("Better Auth returned a delivery id");
        }
        if (!Optional.of(MESSAGE_ID).equals(banata_ours())) {
            throw new IllegalStateException("Banata did not verify");
        }
        if (!banata_stripe()) {
            throw new IllegalStateException("Stripe did not verify");
        }
        if (!Optional.of(MESSAGE_ID).equals(standardWebhooks_ours())) {
            throw new IllegalStateException("Standard Webhooks did not verify");
        }
        standardWebhooks_svix(); // throws WebhookVerificationException unless verified
    }

    /** Better Auth (CapyDB form): hex HMAC of the body, key = the secret's UTF-8 bytes. */
    @Benchmark
    public Optional<String> betterAuth_ours() throws Exception {
        return betterAuth.verify(betterAuthHeaders, body);
    }

    /** Banata: {@code t=..,v1=<hex>} over {@code "<t>.<body>"}, key = UTF-8 of the secret after whsec_. */
    @Benchmark
    public Optional<String> banata_ours() throws Exception {
        return banata.verify(banataHeaders, body);
    }

    /** Stripe's SDK on the Banata input: the same construction, payload as a String. */
    @Benchmark
    public boolean banata_stripe() throws Exception {
        return Signature.verifyHeader(stripePayload, stripeSignatureHeader, BANATA_SECRET, STRIPE_TOLERANCE_SECONDS);
    }

    /** Standard Webhooks: {@code v1,<base64>} over {@code "<id>.<ts>.<body>"}, key = base64-decoded secret. */
    @Benchmark
    public Optional<String> standardWebhooks_ours() throws Exception {
        return standardWebhooks.verify(standardWebhooksHeaders, body);
    }

    /** Svix's SDK on the very same Standard Webhooks input, payload as a String. */
    @Benchmark
    public void standardWebhooks_svix() throws Exception {
        svix.verify(svixPayload, svixHeaders);
    }

    /** Headers by case-insensitive name, as a servlet container looks them up. */
    private static SignatureScheme.HeaderLookup lookup(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map::get;
    }
}
